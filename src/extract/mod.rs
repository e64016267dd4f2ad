//! Extraction: pure functions from an article's sentences to dates, measures and
//! entities. No IO. `extract_article` walks the sentences in order, keeps track of the
//! entities most recently named (for "das Unternehmen", "beide Apps") and of the last
//! measure reported in each paragraph (for sentences that elaborate it without naming
//! anyone), and emits one `MeasureMention` per sentence, kind and target.

pub mod authorities;
pub mod dates;
pub mod entities;
pub mod measures;
mod memo;

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::Article;
use crate::model::{Citation, DateMention, DateRole, MeasureKind, MeasureMention, Status};

use self::authorities::Named;
use self::measures::SentenceCues;

/// Compiles a pattern of the cue tables with word boundaries that the fast regex
/// engines can run on any text: a `\b` next to an ASCII letter becomes an ASCII word
/// boundary, one next to a non-ASCII letter (where an ASCII boundary would misjudge
/// "ü") is dropped. Unicode word boundaries make the regex engine fall back to its
/// slowest search on every German sentence with an umlaut.
pub(crate) fn pattern(p: &str) -> Regex {
    let source = pattern_source(p);
    Regex::new(&source).unwrap_or_else(|e| panic!("pattern {p:?}: {e}"))
}

/// The regex source [`pattern`] compiles.
pub(crate) fn pattern_source(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'b') {
            let before = if i > 0 { chars.get(i - 1).copied() } else { None };
            let after = chars.get(i + 2).copied();
            let non_ascii_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
            if !(non_ascii_letter(before) || non_ascii_letter(after)) {
                out.push_str("(?-u:\\b)");
            }
            i += 2;
            continue;
        }
        if chars[i] == '\\' {
            // Keep any other escape whole, so "\\" is not read as the start of "\b".
            out.push(chars[i]);
            if let Some(&c) = chars.get(i + 1) {
                out.push(c);
            }
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Builds the gates every article's extraction needs first (the measure cues' literal
/// search, the authorities', the date patterns' set), each on a thread of the rayon
/// pool, and returns at once. An update calls it once it knows of a file to parse:
/// otherwise the first articles' workers build them, the one waiting for the other.
pub fn warm_up() {
    rayon::spawn(measures::warm_up);
    rayon::spawn(authorities::warm_up);
    rayon::spawn(dates::warm_up);
}

/// A fingerprint of the loader, splitter and extraction rules this binary was built
/// with. The index records it; an index built under other rules is rebuilt.
pub const RULES_FINGERPRINT: &str = env!("TRADEWATCH_RULES");

/// Longest quote a citation may carry, in characters.
pub const MAX_QUOTE_CHARS: usize = 600;

/// Everything extraction finds in one article: the measure mentions (one per sentence,
/// kind and target entity) and every entity the article names (for autocomplete).
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub mentions: Vec<MeasureMention>,
    pub entities: Vec<String>,
}

/// Definite references to a company or app named before.
static COREF_ONE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:das|dem|des|den|der|die)\s+(?:\S+\s+)?(?:\w*unternehmen|\w*unternehmens|\w*konzern|\w*konzerns|\w*firma|\w*hersteller|\w*herstellers|plattform|videoplattform|app|\w*anbieter|\w*anbieters|dienst|dienstes|\w*ausrüster|\w*ausrüsters|\w*zulieferer|start-up|startup)\b|\bthe\s+(?:\S+\s+){0,2}?(?:company|firm|group|app|platform|maker|vendor|manufacturer|chipmaker|startup|start-up|airline|carrier|distributor|broker|operator|supplier|conglomerate|giant)(?:'s|’s)?\b|\bits\s+(?:products|software|executives|managers|app)\b",
    )
});
static COREF_TWO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\bbeide[nr]?\s+(?:apps|unternehmen|konzerne|firmen|plattformen|dienste|hersteller|anbieter|ausrüster)\b|\bder\s+beiden\s+(?:\S+\s+)?(?:apps|unternehmen|konzerne|firmen|plattformen|dienste|hersteller|anbieter|ausrüster)\b|\bboth\s+(?:apps|companies|firms|platforms|makers|groups)\b|\bthe\s+two\s+(?:\S+\s+)?(?:companies|firms|apps|makers)\b",
    )
});

/// Parties obliged before their modal verb: "Apple and Google must remove the app".
static OBLIGED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:^|[,;:]|\b(?:that|dass|and|und)\b)\s*([^,.;]*?)\s+(?:must|müssen|muss|have\s+to|has\s+to|are\s+required\s+to|sind\s+verpflichtet)\s+(?:\S+\s+){0,2}?(?:remove|delete|take\s+down|pull|block|stop|entfernen|löschen|sperren)\b",
    )
});

/// A verb of obligation and the parties it obliges, up to what they must do.
static OBLIGATION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:verpflichte\w*|zwingt|zwang|fordert|forderte|requires?|required|orders?|ordered|forces?|forced|obliges?|instructs?|instructed|tells?|told)\s+([^,.;]*?)(?:,|\s+to\s)",
    )
});

/// Wording that extends a measure to the entity the sentence names.
static COVERED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\bbetroffen\b|\bbetrifft\s+(?:\S+\s+){0,2}?auch\b|\bgilt\s+(?:\S+\s+){0,3}?auch\b|fällt\s+(?:\S+\s+){0,3}?unter|\bdazu\s+gehör\w*|\bdarunter\b|\bzu\s+den\s+betroffenen\b|\bunter\s+ihnen\b|\baffected\b|\bcovered\b|\bcovers\b|\balso\s+(?:applies|hit)\b|\bas\s+well\b|\bamong\s+(?:them|those)\b|\binclud(?:e|es|ed)\b|\bdarauf\s+(?:stehen|steht|finden\s+sich)\b|\bauf\s+der\s+liste\s+(?:stehen|steht)\b",
    )
});

/// Wording that sets the entity just named apart from the ones a sentence speaks of:
/// "Für die übrigen Firmen bleibt es bei den Sanktionen", "the other five companies";
/// also the measures of other countries ("Andere Länder haben ihre Verbote wieder
/// aufgehoben", "other governments"), which are not the measure just told.
static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:die|den|der)\s+(?:übrigen|anderen|restlichen)\b|\balle\s+anderen\b|\b(?:the\s+)?(?:other|remaining)\s+(?:\S+\s+)?(?:companies|firms|entities|groups)\b|\bandere[nr]?\s+(?:\S+\s+)?(?:länder|staaten|regierungen)\b|\bother\s+(?:\S+\s+)?(?:countries|governments|nations)\b",
    )
});

/// The opening of a relative clause: ", der seit Dezember auf der Liste steht", ", whose
/// software agencies were ordered to remove".
static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r",\s+(?:der|die|das|dessen|deren|welche[rs]?|which|who|whose)\b"));

/// One sentence with what was read from it.
struct Sent<'a> {
    range: Range<usize>,
    text: &'a str,
    /// `text` lowercased, once: the cue, coreference and authority patterns read it.
    lower: String,
    block: usize,
    heading: bool,
    /// Targets: (entity, byte offset in the sentence where it is named).
    targets: Vec<(String, usize)>,
    cues: SentenceCues,
    dates: Vec<DateMention>,
    authority: Option<&'static str>,
    /// What the sentence says of an authority, read when first asked for (most sentences
    /// are never asked: see [`authority_of`]).
    named: OnceCell<Option<Named>>,
    /// A measure told of no one: its dates and authority are read in pass 2, if it
    /// elaborates a measure at all.
    deferred: bool,
    /// The sentence opens an item of a bulleted or numbered list.
    item: bool,
}

impl Sent<'_> {
    fn named(&self) -> Option<Named> {
        *self.named.get_or_init(|| memo::named(&self.lower))
    }
}

/// Runs the extractors over the article's passages.
pub fn extract_article(article: &Article) -> Extracted {
    extract_passages(article, &article.passages())
}

/// Runs the extractors over passages already segmented (the indexer segments each
/// article once for its passage documents, its near-duplicate signature and this).
pub fn extract_passages(article: &Article, passages: &[crate::corpus::Passage]) -> Extracted {
    let body_text: String = article
        .blocks
        .iter()
        .filter(|b| !b.boilerplate)
        .map(|b| &article.text[b.range.clone()])
        .collect::<Vec<_>>()
        .join("\n");
    let discovered = entities::discover(&body_text, article.meta.language);
    let issuer = issuer(article, &discovered);
    let ctx = dates::DateContext { published: article.meta.published, lang: article.meta.language };
    // Paragraphs are numbered over the article's own text: an ad or a byline between two
    // paragraphs does not part them.
    let mut paragraph = Vec::with_capacity(article.blocks.len());
    let mut next = 0;
    for b in &article.blocks {
        paragraph.push(next);
        next += usize::from(!b.boilerplate);
    }

    // Pass 1: read every sentence on its own.
    let mut sents: Vec<Sent<'_>> = Vec::with_capacity(passages.len());
    let mut all_entities: Vec<String> = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    for p in passages {
        let text = &article.text[p.range.clone()];
        // A list item is no heading, however short and unpunctuated ("- Velmiro Trading
        // Co., Ltd., Hong Kong; and").
        let item = is_list_item(&article.text, p.range.start);
        let heading = !item && article.blocks.get(p.block).is_some_and(|b| b.heading);
        let hits = memo::entities_in(text, &discovered);
        for h in &hits {
            if !all_entities.contains(&h.name) {
                all_entities.push(h.name.clone());
            }
        }
        let lower = crate::text::lowercase(text);
        let block = paragraph.get(p.block).copied().unwrap_or(p.block);
        let mut cues = if heading {
            SentenceCues::default()
        } else {
            memo::sentence_cues(&lower, || nearby_authority(&sents, block).is_some())
        };
        if cues.cues.is_empty() && hits.iter().any(|h| !h.bystander) && crate::corpus::is_table_row(text) {
            // "| BYD | 17,0 % | in Kraft seit 30.10.2024 |": a table row names a company
            // beside a rate; its table's header or lead-in names the measure.
            if let Some((kind, status)) = table_row(&sents, &lower) {
                cues.cues = vec![measures::Cue { kind, span: 0..0 }];
                cues.status = status;
            }
        }
        // "The rule adds the following entities, effective September 2, 2026:" and an
        // item below it that names a company: the item is told of by its lead-in.
        // An item that names a measure of the lead-in's kind itself ("... on behalf of
        // entities already on the Entity List") still takes the lead-in's dates.
        let mut inherited: Vec<DateMention> = Vec::new();
        let mut lead_authority = None;
        if item && hits.iter().any(|h| !h.bystander) {
            if let Some(lead) = list_lead_in(&sents) {
                let lead_cues = if lead.heading { measures::read(&lead.lower) } else { lead.cues.clone() };
                let same = cues.cues.iter().all(|c| lead_cues.cues.iter().any(|l| l.kind == c.kind));
                if !lead_cues.cues.is_empty() && !lead_cues.hypothetical && same {
                    if cues.cues.is_empty() {
                        cues.cues = lead_cues.cues.iter().map(|c| measures::Cue { kind: c.kind, span: 0..0 }).collect();
                        cues.status = lead_cues.status.or_else(|| measures::stated_status(&lead.lower));
                    }
                    inherited = dates::extract_after(lead.text, &ctx, None);
                    for d in &mut inherited {
                        d.span = 0..0;
                    }
                    lead_authority = lead.named().and_then(|n| authorities::in_context(n, context_before(&sents)));
                }
            }
        }
        let has_content = !cues.cues.is_empty() || cues.status.is_some();
        let mut targets: Vec<(String, usize)> = Vec::new();
        let obliged = obliged_span(&lower, &cues);
        // "The order requires Suntera to ... destroy any Ridgeline technical data": the
        // party an order obliges is its target, the names of what it must do are not.
        let duty = duty_span(&lower, &cues).filter(|d| hits.iter().any(|h| d.contains(&h.span.start)));
        let in_duty = |h: &entities::EntityHit| duty.as_ref().is_none_or(|d| d.contains(&h.span.start));
        // "sperrte Roskomnadsor Instagram": an authority acts, it is no target.
        let acts = |h: &entities::EntityHit| has_content && authorities::authority(&h.name.to_lowercase()).is_some();
        for h in hits.iter().filter(|h| {
            !h.bystander && !obliged.as_ref().is_some_and(|o| o.contains(&h.span.start)) && in_duty(h) && !acts(h)
        }) {
            if !targets.iter().any(|(n, _)| n == &h.name) {
                targets.push((h.name.clone(), h.span.start));
            }
        }
        if let Some(clause) = semicolon_clause_of(&lower, &cues) {
            // "Commerce adds X to Entity List; Y licence lapses": a clause's measure is
            // for the names of that clause.
            if targets.iter().any(|(_, at)| clause.contains(at)) {
                targets.retain(|(_, at)| clause.contains(at));
            }
        }
        if let Some(opening) = relative_clause_of(&lower, &cues) {
            // The measure of a relative clause is its antecedent's alone: "... sowie der
            // Hersteller YMTC, der selbst auf der Entity List steht".
            let antecedent = targets.iter().filter(|(_, at)| *at < opening).max_by_key(|(_, at)| *at).cloned();
            if let Some(antecedent) = antecedent {
                targets = vec![antecedent];
            }
        }
        if targets.is_empty() && has_content {
            if let Some(m) = COREF_TWO.find(&lower) {
                for name in last_distinct(&recent, 2) {
                    targets.push((name, m.start()));
                }
            } else if let Some(m) = COREF_ONE.find(&lower) {
                if let Some(name) = recent.last() {
                    targets.push((name.clone(), m.start()));
                }
            } else if demonstrative_subject(text) {
                if let Some(name) = recent.last() {
                    targets.push((name.clone(), 0));
                }
            }
        }
        // A company's own report speaks of itself in the first person: "die Einfuhr
        // unserer Wärmebildmodule untersagt", "an order prohibiting our proposed
        // acquisition of Brimwell". What "we" acquire is the object, not the target; a
        // sentence that names another company ("Unser Kunde, die Ruikon ...") is about
        // that one.
        if let (Some(issuer), true) = (&issuer, has_content) {
            if let Some(at) = first_person_object(&lower) {
                if let Some(acquired) = acquired_by_us(&lower) {
                    targets.retain(|(_, t)| !acquired.contains(t));
                }
                if targets.is_empty() {
                    targets.push((issuer.clone(), at));
                }
            }
        }
        // Dates and authority are read where a measure is told of someone; a sentence
        // that names no one needs them only if it elaborates a measure (pass 2 reads
        // them then): most sentences of a long article never need them.
        let read_now = has_content && !targets.is_empty();
        let deferred = has_content && !read_now;
        let mut dates =
            if read_now { dates::extract_after(text, &ctx, previous_text(&sents, block)) } else { Vec::new() };
        if read_now {
            dates.extend(inherited);
        }
        if read_now && taken_on_a_past_day(&cues, &dates, &lower, ctx.published) {
            cues.status = Some(Status::InForce);
            // The day it was taken: a timeline's date is the act's, not a mere mention.
            for d in dates.iter_mut().filter(|d| d.role == DateRole::Reported) {
                if d.date.last_day().is_some_and(|l| ctx.published.is_some_and(|p| l < p)) {
                    d.role = DateRole::Announced;
                }
            }
        }
        let named = OnceCell::new();
        let authority = if read_now {
            let own = memo::named(&lower);
            let _ = named.set(own);
            own.and_then(|n| authorities::in_context(n, context_before(&sents))).or(lead_authority)
        } else {
            None
        };
        for (k, h) in hits.iter().enumerate().filter(|(_, h)| !h.bystander) {
            // "Cindralux Displays (CDLX)": a short form in brackets right after a name (and
            // the rest of its words) is that name again, not the one a later "the panel
            // maker" means.
            let bracketed = k > 0
                && entities::in_brackets(text, &h.span)
                && text[hits[k - 1].span.end..h.span.start]
                    .trim_end_matches('(')
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase));
            if bracketed {
                continue;
            }
            recent.retain(|n| n != &h.name);
            recent.push(h.name.clone());
        }
        sents.push(Sent {
            range: p.range.clone(),
            text,
            block,
            heading,
            targets,
            cues,
            dates,
            authority,
            named,
            deferred,
            item,
            lower,
        });
    }

    // Pass 2: turn sentences with measures into mentions.
    let mut mentions: Vec<MeasureMention> = Vec::new();
    // Sentences where a court stopped a measure of the entities they name, without
    // naming the measure (pass 3).
    let mut rulings: Vec<usize> = Vec::new();
    // Index into `mentions` of the mentions made from the last sentence with a measure,
    // with the block it was in.
    let mut last_group: Option<(usize, Vec<usize>)> = None;
    for i in 0..sents.len() {
        // A sentence without a kind of measure may still state the standing of the
        // measure just reported in its paragraph ("Der Vollzug wurde ausgesetzt").
        if sents[i].deferred && (last_group.is_some() || forward_target(&sents, i).is_some()) {
            let authority = authority_of(&sents, i);
            let previous = previous_text(&sents[..i], sents[i].block);
            let sent = &mut sents[i];
            sent.dates = dates::extract_after(sent.text, &ctx, previous);
            sent.authority = authority;
            sent.deferred = false;
        }
        // Beside the measure: in its paragraph, or opening the next one with a reference
        // to it ("The duties take effect on Friday": wire copy sets every sentence apart).
        let beside_measure =
            last_group.as_ref().is_some_and(|(b, _)| *b == sents[i].block || opens_next_with_reference(&sents, i, *b));
        if beside_measure && !sents[i].heading && sents[i].cues.cues.is_empty() {
            let (status, reinstated) = measures::stated_standing(&sents[i].lower);
            // Dates and the authority are read only for a sentence that states a standing.
            let found = status.map(|_| {
                let previous = previous_text(&sents[..i], sents[i].block);
                (dates::extract_after(sents[i].text, &ctx, previous), authority_of(&sents, i))
            });
            let sent = &mut sents[i];
            sent.cues.status = status;
            sent.cues.reinstated = reinstated;
            if let Some((dates, authority)) = found {
                sent.dates = dates;
                sent.authority = authority;
            }
        }
        let s = &sents[i];
        if s.heading {
            // A heading opens a new section: what follows elaborates nothing before it.
            last_group = None;
            continue;
        }
        if s.cues.hypothetical && s.cues.cues.is_empty() {
            // A measure that might be, or would have been, reports nothing, not even
            // dates for the measure before it.
            continue;
        }
        if s.cues.cues.is_empty()
            && !s.targets.is_empty()
            && COVERED.is_match(&s.lower)
            && !measures::denies_coverage(&s.lower)
        {
            // "Rival AMD said its chips were affected as well": the measure just reported
            // reaches further.
            if let Some((block, group)) = &last_group {
                if *block == s.block || *block + 1 == s.block {
                    let adopted: Vec<MeasureMention> = group.iter().map(|&g| mentions[g].clone()).collect();
                    let before = mentions.len();
                    // Its own dates, if it tells any ("Betroffen seien X und Y, teilte das
                    // Ministerium am Donnerstag mit"), else the measure's.
                    let own: Vec<DateMention> = dates::extract_after(s.text, &ctx, previous_text(&sents[..i], s.block))
                        .into_iter()
                        .filter(|d| d.role != DateRole::Reported)
                        .collect();
                    for (name, _) in &s.targets {
                        if let Some(prev) = adopted.iter().find(|m| !m.kind.is_reaction()) {
                            let mut m = prev.clone();
                            m.entity = name.clone();
                            if !own.is_empty() {
                                m.dates = own.clone();
                            }
                            m.citation = citation(article, s.range.clone(), &s.cues);
                            m.block = s.block;
                            m.sentence = i;
                            mentions.push(m);
                        }
                    }
                    if mentions.len() > before {
                        last_group = Some((s.block, (before..mentions.len()).collect()));
                    }
                }
            }
            continue;
        }
        if s.cues.cues.is_empty() && s.cues.status.is_none() {
            // "The rule takes effect on March 10.": dates for the measure just reported.
            if let Some((block, group)) = &last_group {
                let same_targets = s.targets.iter().all(|(n, _)| group.iter().any(|&g| &mentions[g].entity == n));
                // The date a procedure was opened on is no date of the measure it led to
                // ("Die Prüfung hatte die Behörde Ende März eingeleitet").
                let procedure = measures::opens_procedure(&s.lower)
                    && !group
                        .iter()
                        .any(|&g| measures::family(mentions[g].kind) == measures::family(MeasureKind::UnderReview));
                let own_dates: Vec<DateMention> =
                    if *block == s.block && same_targets && !procedure && !other_authority(s, group, &mentions) {
                        dates::extract_after(s.text, &ctx, previous_text(&sents[..i], s.block))
                            .into_iter()
                            .filter(|d| d.role != DateRole::Reported)
                            .collect()
                    } else {
                        Vec::new()
                    };
                if !own_dates.is_empty() {
                    let adopted: Vec<MeasureMention> = group.iter().map(|&g| mentions[g].clone()).collect();
                    let before = mentions.len();
                    for prev in adopted {
                        let mut m = prev.clone();
                        m.dates = own_dates.clone();
                        m.citation = citation(article, s.range.clone(), &s.cues);
                        m.block = s.block;
                        m.sentence = i;
                        mentions.push(m);
                    }
                    last_group = Some((s.block, (before..mentions.len()).collect()));
                }
            }
            continue;
        }
        let authority = s.authority.or_else(|| previous_authority(&sents, i));
        let before = mentions.len();
        if !s.targets.is_empty() && !s.cues.cues.is_empty() {
            if s.cues.anaphoric && s.dates.iter().all(|d| d.role == DateRole::Reported) {
                // "Die Sanktionen", "das Verbot": refers to a measure already reported.
                for (name, _) in &s.targets {
                    // The measure meant: the last one reported for this entity, else
                    // ("The ban also covers X") the last one of the paragraph before.
                    let own = mentions.iter().rev().find(|m| &m.entity == name && !m.kind.is_reaction());
                    let near = || {
                        mentions.iter().rev().find(|m| !m.kind.is_reaction() && m.block + 1 >= s.block).map(|m| {
                            let mut m = m.clone();
                            m.entity = name.clone();
                            m
                        })
                    };
                    if let Some(prev) = own.cloned().or_else(near) {
                        let mut m = prev;
                        m.dates = Vec::new();
                        m.citation = citation(article, s.range.clone(), &s.cues);
                        m.block = s.block;
                        m.sentence = i;
                        m.stated_status = s.cues.status.filter(|st| *st != Status::Announced);
                        m.reinstated = s.cues.reinstated;
                        mentions.push(m);
                    } else {
                        // "The ban on X remains in place": the first the article tells of it.
                        let target = s.targets.iter().filter(|(n, _)| n == name).cloned().collect::<Vec<_>>();
                        push_mentions(&mut mentions, article, s, &target, s.range.clone(), authority, i);
                    }
                }
            } else {
                let range = s.range.clone();
                let first = mentions.len();
                push_mentions(&mut mentions, article, s, &s.targets, range, authority, i);
                if let Some(dates) = act_dates_before(&sents, i, &ctx) {
                    for m in &mut mentions[first..] {
                        if m.dates.iter().all(|d| d.role == DateRole::Reported) {
                            m.dates = dates.clone();
                        }
                    }
                }
            }
        } else if s.targets.is_empty()
            && !s.cues.cues.is_empty()
            && !last_group.as_ref().is_some_and(|(b, _)| *b == s.block || *b + 1 == s.block)
            && forward_target(&sents, i).is_some()
        {
            // "... nur mit einer Erlaubnis verkauft werden. Software von X fällt darunter."
            let j = forward_target(&sents, i).unwrap_or(i);
            let range = s.range.start..sents[j].range.end;
            let range =
                if article.text[range.clone()].chars().count() <= MAX_QUOTE_CHARS { range } else { s.range.clone() };
            let targets = sents[j].targets.clone().into_iter().map(|(n, _)| (n, 0)).collect::<Vec<_>>();
            push_mentions(&mut mentions, article, s, &targets, range, authority, i);
        } else if !s.targets.is_empty()
            && s.cues.cues.is_empty()
            && matches!(s.cues.status, Some(Status::Challenged | Status::Suspended | Status::Expired))
        {
            rulings.push(i);
        } else if s.targets.is_empty() {
            // A sentence that elaborates the measure just reported in this paragraph
            // (or, referring to it, the one right before it).
            if let Some((block, group)) = &last_group {
                if elaborates(&sents, i, *block, group, &mentions) {
                    let adopted: Vec<MeasureMention> = group.iter().map(|&g| mentions[g].clone()).collect();
                    let mut done: Vec<&str> = Vec::new();
                    for prev in &adopted {
                        if own_measure(s, prev) {
                            // It names its own kind of measure, or its own authority: a
                            // further measure against the same entity.
                            if !done.contains(&prev.entity.as_str()) {
                                done.push(&prev.entity);
                                let target = [(prev.entity.clone(), 0)];
                                let auth = authority.or(prev.authority.as_deref().and_then(authorities::canonical));
                                push_mentions(&mut mentions, article, s, &target, s.range.clone(), auth, i);
                            }
                        } else {
                            mentions.push(elaboration(article, s, i, prev));
                        }
                    }
                }
            }
        }
        if mentions.len() > before {
            last_group = Some((s.block, (before..mentions.len()).collect()));
        }
    }

    // Pass 3: a court ruling, or an authority suspending or lifting "its order against X",
    // that names the entity but not the measure stops the measure the article reports
    // against that entity, wherever the article reports it (a lead paragraph often tells
    // of the ruling before the measure is explained): the measure of the authority the
    // sentence names, if the article reports one, else the first.
    for &i in &rulings {
        let s = &sents[i];
        let stopped = s.cues.status.unwrap_or(Status::Challenged);
        for (name, _) in &s.targets {
            let stoppable = |m: &&MeasureMention| {
                &m.entity == name && !m.kind.is_reaction() && m.kind != MeasureKind::Warning && m.sentence != i
            };
            let by_authority =
                s.authority.and_then(|a| mentions.iter().filter(stoppable).find(|m| m.authority.as_deref() == Some(a)));
            // A removal from a list, or a ruling on a listing ("setzte die Listung aus"),
            // stops a listing, not the other measures: one on the Entity List, else one
            // told as a placement on a list ("setzte X auf seine Liste von Firmen ...").
            let listing = LISTING_WORD
                .is_match(&s.lower)
                .then(|| {
                    let stoppable = mentions.iter().filter(stoppable);
                    stoppable.clone().find(|m| m.kind == MeasureKind::EntityList).or_else(|| {
                        stoppable
                            .filter(|m| m.kind != MeasureKind::Lawsuit)
                            .find(|m| LISTING_WORD.is_match(&m.citation.quote.to_lowercase()))
                    })
                })
                .flatten();
            let Some(measure) = listing.or(by_authority).or_else(|| mentions.iter().find(stoppable)) else {
                continue;
            };
            let mut m = measure.clone();
            // The ruling's own date, if it tells one ("Ende Oktober setzte der Richter die
            // Listung aus"): the status module dates it as a report.
            m.dates = s.dates.clone();
            m.citation = citation(article, s.range.clone(), &s.cues);
            m.block = s.block;
            m.sentence = i;
            m.stated_status = Some(stopped);
            mentions.push(m);
        }
    }
    Extracted { mentions, entities: all_entities }
}

/// Words that title a company's own report or statement: a filing, an annual or
/// quarterly report, an ad hoc disclosure, a press release.
static OWN_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:form\s+)?(?:10-k|10-q|20-f|8-k|6-k)\b|annual\s+report|quarterly\s+report|\brisk\s+factors\b|geschäftsbericht|lagebericht|risikobericht|jahresbericht|quartalsmitteilung|quartalsbericht|halbjahresbericht|zwischenbericht|ad[\s-]hoc|press\s+release|pressemitteilung|investor\s+relations",
    )
});

/// The company whose own report the article is, named in its title or source beside a
/// word of such a report ("Orlumen Photonics, Inc. - Form 10-K ...", "Islavent Sensorik
/// AG, Geschäftsbericht 2025"): the one its "we" and "unser" mean.
fn issuer(article: &Article, discovered: &rustc_hash::FxHashSet<String>) -> Option<String> {
    [article.meta.title.as_deref(), article.meta.source.as_deref()].into_iter().flatten().find_map(|line| {
        if !OWN_REPORT.is_match(&line.to_lowercase()) {
            return None;
        }
        entities::find(line, discovered).into_iter().find(|h| !h.bystander).map(|h| h.name)
    })
}

/// Where the first person plural is what a measure reaches, in a lowercased sentence:
/// an object or possessive ("uns", "unserer", "us", "our"), or a passive subject ("we
/// were prohibited", "wir wurden"). "Wir" acting ("dürfen wir ... an X liefern") is the
/// speaker reporting someone else's measure.
fn first_person_object(lower: &str) -> Option<usize> {
    const OBJECT: &[&str] = &["uns", "unser", "unsere", "unserer", "unseren", "unserem", "unseres", "our", "us"];
    const PASSIVE: &[&str] = &["were", "have", "had", "wurden", "sind", "waren"];
    let mut at = 0;
    let mut words = lower.split(|c: char| !c.is_alphabetic()).peekable();
    while let Some(w) = words.next() {
        let passive = matches!(w, "we" | "wir") && words.peek().is_some_and(|n| PASSIVE.contains(n));
        if OBJECT.contains(&w) || passive {
            return Some(at);
        }
        at += w.len() + 1;
    }
    None
}

/// The span after "our acquisition of", "unseres Erwerbs der", "unserer Beteiligung an":
/// what the speaker buys, which a measure against the purchase does not target.
fn acquired_by_us(lower: &str) -> Option<Range<usize>> {
    static OURS: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"\b(?:our|unser\w*)\s+(?:\S+\s+){0,3}?(?:acquisition|purchase|investment|stake|interest|übernahme|erwerb\w*|beteiligung|kauf\w*)\s+(?:of|in|der|des|an|von)\b",
        )
    });
    let m = OURS.find(lower)?;
    let end = lower[m.end()..].find(['.', ';', ',']).map_or(lower.len(), |i| m.end() + i);
    Some(m.end()..end)
}

/// The dates of the act that the sentence before `i` reports, when that sentence tells
/// a measure of the same kind without naming whom it is against, and `i` names them
/// without a date of its own: "Der Rat der EU hatte am Montag ein Sanktionspaket
/// beschlossen. Darin friert die EU die Gelder von X ein." Dates of a report only
/// ("teilte am Montag mit") are no act's.
fn act_dates_before(sents: &[Sent<'_>], i: usize, ctx: &dates::DateContext) -> Option<Vec<DateMention>> {
    let s = sents.get(i)?;
    let prev = sents.get(i.checked_sub(1)?)?;
    let same_kind = prev.cues.cues.iter().any(|p| {
        !p.kind.is_reaction() && s.cues.cues.iter().any(|c| measures::family(c.kind) == measures::family(p.kind))
    });
    if prev.block != s.block || prev.heading || !prev.targets.is_empty() || prev.cues.hypothetical || !same_kind {
        return None;
    }
    let dates = if prev.deferred {
        dates::extract_after(prev.text, ctx, previous_text(&sents[..i - 1], prev.block))
    } else {
        prev.dates.clone()
    };
    let acts: Vec<DateMention> = dates.into_iter().filter(|d| d.role != DateRole::Reported).collect();
    (!acts.is_empty()).then_some(acts)
}

/// True if sentence `i`, which names no one, elaborates the measures of `group` (the last
/// sentence with a measure, in paragraph `block`): it stands in the same paragraph, or
/// opens the next one and refers to the measure ("Die Sanktionen treten ...") or to its
/// target by a pronoun; a definite reference to a measure ("The denial order takes
/// effect immediately") reaches back further. Never when another entity was named since,
/// or when the sentence speaks of the others ("die übrigen Firmen").
fn elaborates(sents: &[Sent<'_>], i: usize, block: usize, group: &[usize], mentions: &[MeasureMention]) -> bool {
    let s = &sents[i];
    let has_kind = !s.cues.cues.is_empty();
    let definite = has_kind && s.cues.definite;
    let refers = definite || PRONOUN_SUBJECT.is_match(s.text);
    // A sentence that names no kind but states a standing, opening the next paragraph
    // with a reference to the measure ("The duties take effect on Friday").
    let standing_next = !has_kind && s.cues.status.is_some() && opens_next_with_reference(sents, i, block);
    let near = block == s.block
        || (has_kind && block + 1 == s.block && first_measure_sentence_of_block(sents, i) && refers)
        || standing_next;
    if !(near || definite) || OTHERS.is_match(&s.lower) {
        return false;
    }
    // "Japan will im Mai nachziehen": another authority's step, no standing of this one.
    if !has_kind && other_authority(s, group, mentions) {
        return false;
    }
    let reported = group.first().map_or(i, |&g| mentions[g].sentence);
    let named_since = sents
        .get(reported + 1..i)
        .unwrap_or(&[])
        .iter()
        .any(|t| t.targets.iter().any(|(name, _)| !group.iter().any(|&g| &mentions[g].entity == name)));
    !named_since
}

/// True if sentence `s` names outright an authority that cannot be the one of the
/// measures of `group`: what it tells is that authority's step ("Japan will im Mai
/// nachziehen"), not a date or standing of theirs.
fn other_authority(s: &Sent<'_>, group: &[usize], mentions: &[MeasureMention]) -> bool {
    match s.named() {
        Some(Named::Explicit(a)) => {
            group.iter().any(|&g| !authorities::compatible(Some(a), mentions[g].authority.as_deref()))
        }
        _ => false,
    }
}

/// A list or a listing: "Entity List", "listed", "delisted", "Liste", "Sanktionsliste",
/// "Listung" (not "Journalist").
static LISTING_WORD: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b(?:black|de|un)?list|liste\b|listung"));

/// A sentence opening with a pronoun that stands for a company or its belongings: "Ihre
/// Vermögenswerte ...", "Sie darf ...", "Its assets ...".
static PRONOUN_SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\W*(?:Ihre?|Seine?|Sie|Er|Es|Its|Their|They|It)\b"));

/// True if an elaborating sentence tells of a measure of its own against the entity of
/// `prev`: it names another specific kind of measure, or an authority that cannot be
/// the one of `prev` ("Taiwan hatte ... den Einsatz des Programms untersagt").
fn own_measure(s: &Sent<'_>, prev: &MeasureMention) -> bool {
    let specific = |k: &MeasureKind| {
        !matches!(k, MeasureKind::Ban | MeasureKind::Sanctions)
            && (measures::family(*k) == 0 || *k == MeasureKind::SanctionsIndividuals)
    };
    // A listing on the Entity List is a licence requirement: "US-Unternehmen dürfen damit
    // keine Bauteile mehr liefern" tells what the listing means. Sanctions forbid dealings
    // ("Die Sanktionen verbieten ... den Handel"); a ban on buying for authorities is a
    // ban on their use.
    let related = |k: &MeasureKind| {
        use MeasureKind::*;
        *k == prev.kind
            || matches!(
                (*k, prev.kind),
                (ExportControl, EntityList)
                    | (EntityList, ExportControl)
                    | (TransactionBan, Sanctions | SanctionsIndividuals)
                    | (ProcurementBan, GovernmentUseBan)
                    | (GovernmentUseBan, ProcurementBan)
            )
    };
    let kinds: Vec<MeasureKind> = s.cues.cues.iter().map(|c| c.kind).filter(specific).collect();
    let other_kind = specific(&prev.kind) && !kinds.is_empty() && !kinds.iter().any(related);
    let other_authority = !s.cues.cues.is_empty()
        && s.authority.is_some()
        && !authorities::compatible(s.authority, prev.authority.as_deref());
    other_kind || other_authority
}

/// `prev` told again by sentence `i`, which names no one: its own dates (as dates of the
/// measure when it names the measure's kind family, else only as mentioned), its standing.
fn elaboration(article: &Article, s: &Sent<'_>, i: usize, prev: &MeasureMention) -> MeasureMention {
    let own_kinds: Vec<MeasureKind> = s.cues.cues.iter().map(|c| c.kind).collect();
    let same_family =
        own_kinds.is_empty() || own_kinds.iter().any(|k| measures::family(*k) == measures::family(prev.kind));
    let mut m = prev.clone();
    m.dates = s
        .dates
        .iter()
        .cloned()
        .map(|mut d| {
            if s.cues.status == Some(Status::Suspended) && d.role == DateRole::Deadline {
                // "bis Mitte September ausgesetzt": in force from then.
                d.role = DateRole::Effective;
            } else if !same_family
                || own_kinds.iter().any(|k| matches!(k, MeasureKind::UnderReview | MeasureKind::InvestmentReview))
            {
                d.role = DateRole::Reported;
            }
            d
        })
        .collect();
    m.citation = citation(article, s.range.clone(), &s.cues);
    m.block = s.block;
    m.sentence = i;
    m.stated_status = s.cues.status.filter(|st| *st != Status::Announced).or(prev.stated_status);
    m.reinstated = s.cues.reinstated;
    if m.authority.is_none() {
        m.authority = s.authority.map(str::to_string);
    }
    m
}

/// The authority named in the three sentences before the next one, in the same or the
/// previous paragraph (`block` is the next sentence's).
fn nearby_authority(before: &[Sent<'_>], block: usize) -> Option<&'static str> {
    let n = before.len();
    (n.saturating_sub(3)..n).rev().take_while(|&k| before[k].block + 1 >= block).find_map(|k| authority_of(before, k))
}

/// The authority sentence `k` names: outright, or a bare body ("das Handelsministerium",
/// "the department") of the country the article named last before it.
fn authority_of(sents: &[Sent<'_>], k: usize) -> Option<&'static str> {
    let named = sents.get(k)?.named()?;
    let context = if matches!(named, Named::Bare(_)) { context_before(&sents[..k]) } else { None };
    authorities::in_context(named, context)
}

/// The text of the sentence before the next one, when that sentence stands in the same
/// paragraph (`block` is the next one's) and is no heading: where "that month" looks.
fn previous_text<'a>(before: &[Sent<'a>], block: usize) -> Option<&'a str> {
    before.last().filter(|s| s.block == block && !s.heading).map(|s| s.text)
}

/// The authority the article named outright last in `before`.
fn context_before(before: &[Sent<'_>]) -> Option<&'static str> {
    before.iter().rev().find_map(|s| match s.named() {
        Some(Named::Explicit(a)) => Some(a),
        _ => None,
    })
}

/// The part of a sentence between semicolons that holds every cue, when there are
/// several parts.
fn semicolon_clause_of(lower: &str, cues: &SentenceCues) -> Option<Range<usize>> {
    if !lower.contains(';') {
        return None;
    }
    let first = cues.cues.first()?.span.start;
    let last = cues.cues.last()?.span.start;
    let start = lower[..first].rfind(';').map_or(0, |i| i + 1);
    let end = lower[first..].find(';').map_or(lower.len(), |i| first + i);
    (last < end).then_some(start..end)
}

/// Where the relative clause opens that holds every cue of the sentence, if one does.
fn relative_clause_of(lower: &str, cues: &SentenceCues) -> Option<usize> {
    let first = cues.cues.first()?.span.start;
    let last = cues.cues.last()?.span.start;
    let opening = RELATIVE.find_iter(lower).take_while(|m| m.start() < first).last()?;
    let clause_end = lower[opening.end()..].find([',', ';']).map_or(lower.len(), |e| opening.end() + e);
    (last < clause_end).then_some(opening.start())
}

/// True for a German sentence whose subject is a demonstrative pronoun standing for the
/// entity just named ("Dieser steht seit Dezember auf der Entity List"): the pronoun is
/// followed by a word in lower case (a verb), not by a noun it would determine
/// ("Dieser Schritt"), which German capitalises.
fn demonstrative_subject(text: &str) -> bool {
    const PRONOUNS: &[&str] = &["Dieser ", "Dieses ", "Diese ", "Letzterer ", "Letztere ", "Letzteres "];
    let text = text.trim_start();
    PRONOUNS.iter().any(|p| text.strip_prefix(p).and_then(|rest| rest.chars().next()).is_some_and(|c| c.is_lowercase()))
}

/// Intermediaries a ban puts under obligation are not its targets: in "Das Gesetz
/// verpflichtet Apple und Google, TikTok aus ihren App-Stores zu entfernen" the stores
/// must act against TikTok. The span (in the sentence) between the verb of obligation
/// and the comma or "to" that opens what they must do ("Apple and Google must remove
/// X": the subject before the modal), for app store and service bans.
fn obliged_span(lower: &str, cues: &SentenceCues) -> Option<Range<usize>> {
    if !cues.cues.iter().any(|c| matches!(c.kind, MeasureKind::AppStoreBan | MeasureKind::ServiceBan)) {
        return None;
    }
    OBLIGATION.captures(lower).or_else(|| OBLIGED_SUBJECT.captures(lower)).and_then(|c| c.get(1)).map(|m| m.range())
}

/// The parties an order obliges to destroy data ("requires X to ... destroy any Y data"):
/// the span between the verb of obligation and what they must do, for data deletion
/// orders. (In a forced sale, what is sold is named too: "requiring X to sell its app Y".)
fn duty_span(lower: &str, cues: &SentenceCues) -> Option<Range<usize>> {
    if !cues.cues.iter().any(|c| c.kind == MeasureKind::DataDeletion) {
        return None;
    }
    OBLIGATION.captures(lower).and_then(|c| c.get(1)).map(|m| m.range())
}

/// The `n` most recently named distinct entities, most recent first.
fn last_distinct(recent: &[String], n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in recent.iter().rev() {
        if !out.contains(name) {
            out.push(name.clone());
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// The authority named most recently before sentence `i`, within the three sentences
/// before it in the same or the previous paragraph ("Er hat deshalb ...").
fn previous_authority(sents: &[Sent<'_>], i: usize) -> Option<&'static str> {
    nearby_authority(&sents[..i], sents[i].block)
}

/// The next sentence of the same paragraph, when it names targets, reports no measure
/// of its own and says they are covered ("Software von X fällt unter diese Beschreibung").
fn forward_target(sents: &[Sent<'_>], i: usize) -> Option<usize> {
    let next = sents.get(i + 1)?;
    let covers = COVERED.is_match(&next.lower);
    (next.block == sents[i].block && !next.targets.is_empty() && next.cues.cues.is_empty() && covers).then_some(i + 1)
}

/// The kind a table row inherits, with its standing (see [`measures::table_row`]): `before` are the
/// sentences read so far, the rows of its table last. The header is the first row of
/// the table, the lead-in the sentence in the paragraph just before it. A lead-in is
/// often a heading ("Definitive countervailing duties by company:"), whose cues pass 1
/// does not read: it is read here.
fn table_row(before: &[Sent<'_>], row: &str) -> Option<(MeasureKind, Option<Status>)> {
    let rows = before.iter().rev().take_while(|s| crate::corpus::is_table_row(s.text)).count();
    let header = before.get(before.len().checked_sub(rows)?)?;
    let lead_in = before[..before.len() - rows].last().filter(|s| s.block + 1 == header.block).map(|s| {
        if s.heading {
            measures::read(&s.lower)
        } else {
            s.cues.clone()
        }
    });
    measures::table_row(row, &header.lower, lead_in.as_ref())
}

/// True if the text at `start` opens an item of a list: its line holds before it only a
/// bullet ("-", "*", "•", "–") or a number ("1.", "2)").
fn is_list_item(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else { return false };
    let line = before.rsplit('\n').next().unwrap_or(before).trim();
    let mut chars = line.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if crate::text::segment::BULLETS.contains(&c))
        || (line.len() <= 4
            && line.ends_with(['.', ')'])
            && line[..line.len() - 1].chars().all(|c| c.is_ascii_digit())
            && line.len() > 1)
}

/// The sentence that introduces the list the sentences read last belong to: the one
/// right before the list's items, ending in a colon.
fn list_lead_in<'s, 'a>(before: &'s [Sent<'a>]) -> Option<&'s Sent<'a>> {
    let mut k = before.len();
    // Skip back over the items above this one, and the sentences that continue them.
    while k > 0 && !before[k - 1].text.trim_end().ends_with(':') {
        let s = &before[k - 1];
        let in_item = before[..k].iter().rev().take_while(|x| x.block == s.block).any(|x| x.item);
        if !in_item {
            return None;
        }
        k -= 1;
    }
    before.get(k.checked_sub(1)?)
}

/// True if sentence `i` opens the paragraph after `block` with a definite reference to a
/// measure ("The duties take effect on Friday"): wire copy sets every sentence apart.
fn opens_next_with_reference(sents: &[Sent<'_>], i: usize, block: usize) -> bool {
    let opens_block = i == 0 || sents[i - 1].block != sents[i].block;
    block + 1 == sents[i].block && opens_block && measures::opens_with_reference(&sents[i].lower)
}

/// True if no earlier sentence of this sentence's block reported a measure.
fn first_measure_sentence_of_block(sents: &[Sent<'_>], i: usize) -> bool {
    let block = sents[i].block;
    !sents[..i].iter().rev().take_while(|s| s.block == block).any(|s| !s.cues.cues.is_empty())
}

/// Words of a measure only intended, expected or imagined: a past date beside them does
/// not make it taken ("Am 3. März sollte X gesperrt werden", "would be added").
const NOT_TAKEN: &[&str] = &[
    "soll",
    "sollen",
    "sollte",
    "sollten",
    "würde",
    "würden",
    "könnte",
    "könnten",
    "müsste",
    "müssten",
    "wäre",
    "wären",
    "hätte",
    "hätten",
    "will",
    "wollen",
    "wollte",
    "wollten",
    "plant",
    "planen",
    "plante",
    "planten",
    "erwägt",
    "erwogen",
    "droht",
    "drohte",
    "wenn",
    "falls",
    "would",
    "could",
    "might",
    "may",
    "should",
    "if",
    "unless",
    "plans",
    "planned",
    "planning",
    "intends",
    "intended",
    "considering",
    "considered",
    "proposed",
    "proposes",
    "threatened",
    "threatens",
    "seeks",
    "sought",
    "vorgeschlagen",
    "entwurf",
    "draft",
    "bill",
    "gesetzentwurf",
];

/// A measure the sentence reports with a date of its own before the article's, and
/// nothing that makes it intended or imagined: it was taken on that day, whatever the
/// tense ("**30. September 2025:** Das Ministerium setzt X auf die Entity List", "In
/// December 2024, Viber was blocked"). Reviews, warnings and reactions have standings of
/// their own.
fn taken_on_a_past_day(
    cues: &SentenceCues,
    dates: &[DateMention],
    lower: &str,
    published: Option<chrono::NaiveDate>,
) -> bool {
    let Some(published) = published else { return false };
    let imposes = |k: &MeasureKind| {
        !k.is_reaction()
            && !matches!(k, MeasureKind::UnderReview | MeasureKind::InvestmentReview | MeasureKind::Warning)
    };
    cues.status.is_none()
        && !cues.hypothetical
        && !cues.cues.is_empty()
        && cues.cues.iter().all(|c| imposes(&c.kind))
        && dates.iter().any(|d| {
            matches!(d.role, DateRole::Announced | DateRole::Reported)
                && d.date.last_day().is_some_and(|l| l < published)
        })
        && !lower.split(|c: char| !c.is_alphanumeric()).any(|w| NOT_TAKEN.contains(&w))
}

fn push_mentions(
    mentions: &mut Vec<MeasureMention>,
    article: &Article,
    s: &Sent<'_>,
    targets: &[(String, usize)],
    range: Range<usize>,
    authority: Option<&'static str>,
    index: usize,
) {
    let group = coordination_groups(s.text, targets);
    for (t_idx, (name, pos)) in targets.iter().enumerate() {
        // Each date goes to the target named closest before it, and to the names listed
        // with it ("with Zhipu AI, Shenlan Cognition or Moonshot AI, with effect from
        // December 3"); dates before every target go to all of them.
        let dates: Vec<DateMention> = s
            .dates
            .iter()
            .filter(|d| {
                let owner =
                    targets.iter().enumerate().filter(|(_, (_, p))| *p <= d.span.start).max_by_key(|(_, (_, p))| *p);
                match owner {
                    Some((o, _)) => group[o] == group[t_idx] || targets.iter().all(|(_, p)| *p == *pos),
                    None => true,
                }
            })
            .cloned()
            .collect();
        for cue in &s.cues.cues {
            let auth = if cue.kind.is_reaction() { Some(name.clone()) } else { authority.map(str::to_string) };
            mentions.push(MeasureMention {
                entity: name.clone(),
                kind: cue.kind,
                authority: auth,
                dates: dates.clone(),
                citation: citation(article, range.clone(), &s.cues),
                block: s.block,
                sentence: index,
                stated_status: s.cues.status,
                reinstated: s.cues.reinstated,
            });
        }
    }
}

/// For each target, the number of the list it stands in: targets joined only by commas
/// and "and", "or", "und", "oder", "sowie" (and the words of their names) form one list.
fn coordination_groups(text: &str, targets: &[(String, usize)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&i| targets[i].1);
    let mut group = vec![0; targets.len()];
    let mut current = 0;
    for pair in order.windows(2) {
        let (a, b) = (targets[pair[0]].1, targets[pair[1]].1);
        let joined = text.get(a..b).is_some_and(|gap| {
            gap.split_whitespace().all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.is_empty()
                    || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || matches!(w, "and" | "or" | "und" | "oder" | "sowie")
            })
        });
        if !joined {
            current += 1;
        }
        group[pair[1]] = current;
    }
    group
}

/// The citation for a sentence range: the exact text, cut at clause boundaries around
/// the first cue when the sentence is longer than `MAX_QUOTE_CHARS`.
fn citation(article: &Article, range: Range<usize>, cues: &SentenceCues) -> Citation {
    let mut r = range.clone();
    let text = &article.text[r.clone()];
    if text.chars().count() > MAX_QUOTE_CHARS {
        let anchor = cues.cues.first().map(|c| c.span.start.min(text.len())).unwrap_or(0);
        r = clause_window(text, anchor, range.start);
    }
    Citation {
        article: article.meta.file.clone(),
        source: article.meta.source.clone(),
        published: article.meta.published,
        url: article.meta.url.clone(),
        quote: article.text[r.clone()].to_string(),
        range: r,
    }
}

/// A window of at most `MAX_QUOTE_CHARS` characters around `anchor`, starting and ending
/// at clause boundaries (", ", "; ") where possible. Offsets are absolute.
fn clause_window(text: &str, anchor: usize, base: usize) -> Range<usize> {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices([',', ';', ':']).map(|(i, _)| i + 1))
        .chain(std::iter::once(text.len()))
        .collect();
    let mut best = (0usize, 0usize);
    for (a_i, &a) in bounds.iter().enumerate() {
        if a > anchor {
            break;
        }
        for &b in &bounds[a_i + 1..] {
            if b <= anchor {
                continue;
            }
            if text[a..b].chars().count() > MAX_QUOTE_CHARS {
                break;
            }
            if b - a > best.1 - best.0 {
                best = (a, b);
            }
        }
    }
    if best.1 == 0 {
        // No clause fits: take characters around the anchor at word boundaries.
        let mut start = anchor;
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        let end_of = |(i, c): (usize, char)| start + i + c.len_utf8();
        let mut end = text[start..].char_indices().take(MAX_QUOTE_CHARS).last().map_or(start, end_of);
        if let Some(sp) = text[start..end].rfind(' ') {
            if sp > 0 {
                end = start + sp;
            }
        }
        best = (start, end);
    }
    // Trim whitespace at both ends.
    let slice = &text[best.0..best.1];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (base + best.0 + lead)..(base + best.1 - trail)
}

#[cfg(test)]
mod tests;

//! The cue tables, checked against sentences from real articles and sentences written
//! for the purpose, German and English (`tests/data/measures.tsv`).

use super::*;

const TABLE: &str = include_str!("../../../tests/data/measures.tsv");

#[test]
fn kinds_of_every_table_sentence() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in TABLE.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((sentence, want)) = line.split_once('\t') else {
            failures.push(format!("malformed row: {line}"));
            continue;
        };
        rows += 1;
        let got: Vec<&str> = read(&sentence.to_lowercase()).cues.iter().map(|c| c.kind.as_str()).collect();
        let want: Vec<&str> = if want.trim() == "-" { Vec::new() } else { want.trim().split(',').collect() };
        if got != want {
            failures.push(format!("{sentence}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(rows >= 30, "the table must hold at least 30 sentences, has {rows}");
    assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn stated_standing() {
    let cases = [
        ("Der Vollzug der Verfügung wurde allerdings bis Mitte September ausgesetzt.", Some(Status::Suspended)),
        ("The president signed an order delaying enforcement of the ban by 75 days.", Some(Status::Suspended)),
        ("Zudem wurde das Unternehmen auf eine schwarze Liste gesetzt.", Some(Status::InForce)),
        ("Die Sanktionen wurden im März aufgehoben.", Some(Status::Expired)),
        ("The Commerce Department removed Marlo Networks from the Entity List.", Some(Status::Expired)),
        ("Das Ministerium strich den Konzern im Mai von der Entity List.", Some(Status::Expired)),
        ("A federal judge blocked the ban on Friday.", Some(Status::Challenged)),
        ("Ein Bundesrichter setzte die Einstufung des Konzerns vorläufig aus.", Some(Status::Challenged)),
        ("The court halted the order on Monday.", Some(Status::Challenged)),
        ("Das Handelsministerium untersagte dem Konzern den Export.", Some(Status::InForce)),
        ("Die Regierung hat den Konzern angewiesen, die Fabrik zu verkaufen.", Some(Status::InForce)),
        ("Die Regierung will die App verbieten.", Some(Status::Announced)),
        ("Technologien dürfen nur mit einer Erlaubnis der Regierung verkauft werden.", Some(Status::InForce)),
        ("US companies may no longer ship chips to the firm.", Some(Status::InForce)),
        ("The Commerce Department added Goltra Systems to the Entity List.", Some(Status::InForce)),
        ("On July 6, the agency renewed the temporary denial order for 180 days.", Some(Status::InForce)),
        ("The FCC revoked the authorization of the carrier.", Some(Status::InForce)),
        ("The move does not lift the restrictions altogether.", None),
        ("Die Frist wurde nicht ausgesetzt.", None),
        ("A three-judge panel stayed the preliminary injunction while the appeal goes forward.", Some(Status::InForce)),
        ("The ruling allowed Tennessee to enforce its ban.", Some(Status::InForce)),
        ("Das Gericht der EU hat die Aufnahme in die Sanktionsliste für nichtig erklärt.", Some(Status::Challenged)),
        ("Das Verwaltungsgericht kippte das Verbot im Mai.", Some(Status::Challenged)),
        (
            "Die Firma war im März auf die Liste gesetzt worden, weil sie Roboter geliefert haben soll.",
            Some(Status::InForce),
        ),
        ("Die Regierung will bis Ende des Jahres über ein Verbot entscheiden.", Some(Status::Announced)),
        ("Placement on the list means the agency will no longer grant new authorizations.", None),
        ("The agency will no longer grant new authorizations.", Some(Status::Announced)),
        ("Das Bundeskabinett hat die Teiluntersagung am Mittwoch beschlossen.", Some(Status::InForce)),
        ("President Biden blocked the acquisition, a decision his successor later reversed.", Some(Status::Expired)),
        ("The measures would be lifted once the companies complied.", None),
        ("Under the bill, agencies would be prohibited from importing any drone supplied by DJI.", None),
        ("Andere Länder haben ihre Verbote aber auch wieder aufgehoben.", Some(Status::Expired)),
        ("Auch die persönlichen Sanktionen gegen den Gründer sind damit Geschichte.", Some(Status::Expired)),
        ("Die Anlagen werden in Taiwan gefertigt.", None),
        ("Die Zentrale liegt in Moskau.", None),
    ];
    for (s, want) in cases {
        assert_eq!(stated_status(&s.to_lowercase()), want, "{s}");
    }
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let lower = s.to_lowercase();
        let _ = read(&lower);
        let _ = crate::extract::authorities::authority(&lower);
    }
}

/// The gates may let through cues that do not match, never hold back one that does:
/// every match holds a trigger stem, the literal gate opens its cue and the alternative
/// that matches, and the alternatives the gate leaves open find what the whole pattern
/// finds, match after match.
fn assert_gate_opens_every_match(lower: &str) {
    let open = open_in(lower);
    for (i, c) in COMPILED.iter().enumerate() {
        let whole: Vec<_> = c.re().find_iter(lower).map(|m| m.range()).collect();
        let Some(first) = whole.first() else { continue };
        assert!(open.cues & (1u64 << i) != 0, "cue {i} ({}) matches but the gate holds it back: {lower:?}", CUES[i].1);
        assert!(
            TRIGGERS.is_match(&lower[first.clone()]),
            "cue {i} matches {:?}, which holds no trigger stem: {lower:?}",
            &lower[first.clone()]
        );
        for (b, branch) in GATE.branches[i].iter().enumerate() {
            if branch.re().is_match(lower) {
                assert!(
                    open.alternatives[i] & (1u64 << b) != 0,
                    "alternative {b} of cue {i} matches but is held back: {lower:?}"
                );
            }
        }
        // Refusing every match walks through all of them.
        let mut split = Vec::new();
        let none = GATE.first_match(i, c, lower, open.alternatives[i], |m| {
            split.push(m.range());
            false
        });
        assert!(none.is_none());
        assert_eq!(split, whole, "cue {i} ({}) alternative by alternative: {lower:?}", CUES[i].1);
        let taken =
            GATE.first_match(i, c, lower, open.alternatives[i], |m| m.range() == *whole.last().unwrap_or(first));
        assert_eq!(taken.map(|m| m.range()), whole.last().cloned());
    }
}

fn literals_of(pattern: &str) -> Vec<String> {
    let hir = regex_syntax::parse(&crate::extract::pattern_source(pattern)).expect("valid pattern");
    let seq = required_literals(&hir).expect("a literal set");
    let mut out: Vec<String> =
        seq.literals().expect("finite").iter().map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned()).collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn gate_literals_are_the_rarest_every_match_holds() {
    // An opening "a"/"the" or "it" is in nearly every sentence: the gate takes the word
    // every match passes through.
    assert_eq!(literals_of(r"\b(?:a|the)\s+(?:\S+\s+)?block\s+on\b"), ["block"]);
    assert_eq!(literals_of(r"(?:zieht|ziehen|zog)\s+sich\s+(?:\S+\s+){0,8}?zurück"), ["zurück"]);
    assert_eq!(literals_of(r"\b(?:it|we)\s+(?:will\s+)?stop\w*\s+(?:shipping|selling)\b"), ["selling", "shipping"]);
    // An optional part holds nothing every match needs; a repetition of at least once does.
    assert_eq!(literals_of(r"(?:embargo\s+)?listed"), ["listed"]);
    assert_eq!(literals_of(r"(?:\S+\s+sanktion\S*\s+)+gegen"), ["sanktion"]);
    // Alternatives are joined, each with its own best set.
    assert_eq!(literals_of(r"verbot\w*|\bthe\s+embargo\s+on\b"), ["embargo", "verbot"]);
    assert_eq!(literals_of(r"verkaufsverbot\w*|x\s+verkauft"), ["verkaufsverbot", "verkauft"]);
}

#[test]
fn an_alternative_needs_a_literal_of_each_of_its_sets() {
    let hir = regex_syntax::parse(&crate::extract::pattern_source(
        r"auf\s+(?:die|eine)\s+(?:\S+\s+){0,3}?liste\S*\s+(?:\S+\s+){0,8}?(?:gesetzt|aufgenommen)",
    ))
    .expect("valid pattern");
    let sets: Vec<Vec<String>> = clauses_of(&hir, CLAUSES)
        .iter()
        .map(|seq| {
            let mut l: Vec<String> = seq
                .literals()
                .expect("finite")
                .iter()
                .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
                .collect();
            l.sort();
            l
        })
        .collect();
    assert_eq!(sets, [vec!["aufgenommen", "gesetzt"], vec!["liste"]]);
    // The entity list's gate: "gesetzt" alone, the word of every German manual page that
    // sets an option, no longer opens it; with the list it does.
    let entity_list = CUES.iter().position(|(kind, _, _)| *kind == MeasureKind::EntityList).expect("a cue");
    let bit = 1u64 << entity_list;
    assert_eq!(possible_cues("wenn die option gesetzt ist, wird der wert verwendet.") & bit, 0);
    assert_ne!(possible_cues("das ministerium hat die firma auf die schwarze liste gesetzt.") & bit, 0);
}

#[test]
fn prose_without_a_measure_opens_few_cue_gates() {
    // Sentences of a manual page, which the gate of a pattern opening with "a", "the" or
    // "it" let through to every cue search.
    let prose = [
        "mit dieser option wird die ausgabe in eine datei geschrieben, statt sie auf dem bildschirm anzuzeigen.",
        "the program reads the configuration file at startup and writes a log of what it did.",
        "wenn die variable nicht gesetzt ist, wird der wert aus der umgebung verwendet.",
    ];
    for s in prose {
        let open = possible_cues(s).count_ones();
        assert!(open <= 2, "{open} cue gates open for {s:?}");
    }
}

#[test]
fn cue_gate_opens_every_cue_that_matches() {
    let mut sentences: Vec<String> = TABLE.lines().map(str::to_lowercase).collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["corpus", "tests/data/articles"] {
        for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            sentences.extend(
                crate::text::segment::sentences(&text, 0..text.len()).into_iter().map(|r| text[r].to_lowercase()),
            );
        }
    }
    assert!(sentences.len() > 200, "{} sentences", sentences.len());
    for s in &sentences {
        assert_gate_opens_every_match(s);
    }
    // And it gates: every cue has a literal set the parser can name.
    let always: Vec<&str> = (0..CUES.len()).filter(|i| GATE.always & (1 << i) != 0).map(|i| CUES[i].1).collect();
    assert_eq!(GATE.always.count_ones(), 0, "{} cues always searched: {always:?}", GATE.always.count_ones());
}

proptest::proptest! {
    #[test]
    fn cue_gate_never_holds_back_a_match(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "verbot", "verboten", "verbieten", "verkauf", "verkaufen", "den", "zu", "sanktionen", "gegen",
            "keine", "mehr", "nicht", "app", "store", "daten", "vernichten", "muss", "schwarze", "liste",
            "entity", "list", "ban", "on", "the", "sale", "sales", "of", "products", "must", "sell", "within",
            "90", "days", "export", "licence", "license", "geschäfte", "mit", "firma", "x", "ausfuhr",
            "zurück", "zieht", "sich", "warnt", "klage", "court", "blocked", "restricted", "5g", "netz",
        ]), 1..24)
    ) {
        assert_gate_opens_every_match(&words.join(" "));
    }
}

#[test]
fn a_court_ruling_needs_a_court() {
    for (s, want) in [
        ("Eine Bundesrichterin setzte die Einstufung am Freitag vorläufig aus.", Some(Status::Challenged)),
        ("A federal judge blocked the listing.", Some(Status::Challenged)),
        ("Der Konzern setzte die Produktion in China vorläufig aus.", None),
        ("Das Gericht verhandelt im Mai über die Klage.", None),
    ] {
        assert_eq!(court_ruling(&s.to_lowercase()), want, "{s}");
    }
}

#[test]
fn every_cue_pattern_compiles() {
    // The cues and their alternatives compile when first searched; here all of them are.
    for c in COMPILED.iter() {
        let _ = (c.re(), c.needs());
    }
    for branch in GATE.branches.iter().flatten() {
        let _ = branch.re();
    }
}

#[test]
fn long_cues_are_searched_alternative_by_alternative() {
    // Every cue with more than one alternative is split: the search for one that is whole
    // would still be correct, only slower; this says when one is.
    for (i, (_, pattern, _)) in CUES.iter().enumerate() {
        let source = crate::extract::pattern_source(pattern);
        let hir = regex_syntax::parse(&source).expect("valid pattern");
        if let HirKind::Alternation(_) = hir.kind() {
            let parts = alternatives_of(&source, &hir).unwrap_or_default();
            assert!(parts.len() >= 2, "cue {i} ({pattern}) is not split");
            assert_eq!(GATE.branches[i].len(), parts.len(), "cue {i} ({pattern}) is searched whole");
        }
    }
    // The source's alternatives, and only where they make up the pattern: "\|", a "|" in a
    // class or a group stays inside its alternative.
    fn split(p: &str) -> Option<Vec<&str>> {
        let hir = regex_syntax::parse(p).expect("valid pattern");
        alternatives_of(p, &hir).map(|parts| parts.into_iter().map(|(s, _)| s).collect())
    }
    assert_eq!(split(r"a\|b|[|c]d|(?:e|f)g"), Some(vec![r"a\|b", "[|c]d", "(?:e|f)g"]));
    assert_eq!(split(r"ab\w*|(?-u:\b)cd"), Some(vec![r"ab\w*", r"(?-u:\b)cd"]));
    assert_eq!(split("(?:a|b)"), None);
    assert_eq!(split("abc"), None);
    // An alternative compiled alone matches where it does in the whole pattern.
    let ban = CUES.iter().position(|(kind, p, _)| *kind == MeasureKind::Ban && p.starts_with("verbot")).expect("a cue");
    let blocks = GATE.branches[ban].iter().position(|b| b.re().is_match("blocks access")).expect("an alternative");
    assert!(!GATE.branches[ban][blocks].re().is_match("unblocks access"));
    assert!(GATE.branches[ban][blocks].re().is_match("er blocks the app"));
}

#[test]
fn a_table_row_takes_the_kind_of_its_header_or_lead_in() {
    let lead = |s: &str| read(&s.to_lowercase());
    let duties = lead("Definitive countervailing duties by company:");
    let growth = lead("Umsatzwachstum der Hersteller im Überblick:");
    let listed = lead("Added to the Entity List in May:");
    for (row, header, lead_in, want) in [
        (
            "| byd | 17,0 % | in kraft seit 30.10.2024 |",
            "| hersteller | zollsatz | stand |",
            None,
            Some(MeasureKind::Tariff),
        ),
        ("| byd | 17.0% | october 30, 2024 |", "| company | rate | since |", Some(&duties), Some(MeasureKind::Tariff)),
        // A rate with no duty named in header or lead-in is no tariff.
        ("| byd | 12,0 % | 2024 |", "| hersteller | rate | jahr |", Some(&growth), None),
        // A table of duties needs a rate in the row.
        ("| byd | 30.10.2024 |", "| hersteller | zoll seit |", None, None),
        ("| acme | may 12, 2025 |", "| company | date |", Some(&listed), Some(MeasureKind::EntityList)),
        ("| acme | gelistet |", "| company | date |", Some(&listed), None),
    ] {
        assert_eq!(table_row(row, header, lead_in).map(|(k, _)| k), want, "{row} under {header}");
    }
    assert_eq!(
        table_row("| byd | 17.0% | october 30, 2024 |", "| company | rate | since |", Some(&duties)),
        Some((MeasureKind::Tariff, Some(Status::InForce)))
    );
}

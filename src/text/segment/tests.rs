use super::*;
use proptest::prelude::*;

fn split(text: &str) -> Vec<&str> {
    sentences(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
}

/// (input, expected sentences). Phrases from the seed articles first, then our own.
const CASES: &[(&str, &[&str])] = &[
    // Seeds: dates, ordinals and abbreviations that must not split.
    (
        "Das Unternehmen werde seine Aktivitäten dort ab dem 20. Juli schrittweise einstellen und die Arbeitsplätze abbauen, heißt es in einer Mitteilung. Auf der US-Website des Unternehmens können Verbraucher bereits keine Produkte mehr kaufen.",
        &[
            "Das Unternehmen werde seine Aktivitäten dort ab dem 20. Juli schrittweise einstellen und die Arbeitsplätze abbauen, heißt es in einer Mitteilung.",
            "Auf der US-Website des Unternehmens können Verbraucher bereits keine Produkte mehr kaufen.",
        ],
    ),
    ("Stand: 16.07.2024 15:11 Uhr", &["Stand: 16.07.2024 15:11 Uhr"]),
    // A date in bold opening a list item: the ordinal is no sentence end.
    (
        "**30. September 2025:** Das Ministerium setzt die Firma auf die Liste.",
        &["**30. September 2025:** Das Ministerium setzt die Firma auf die Liste."],
    ),
    ("(bzw. im Oktober) Sie klagt.", &["(bzw. im Oktober) Sie klagt."]),
    (
        "- ChangXin Memory Technologies, Inc. (CXMT), Hefei, China, for its role in DRAM. Micron Technology Inc. The firm said.",
        &["ChangXin Memory Technologies, Inc. (CXMT), Hefei, China, for its role in DRAM.", "Micron Technology Inc.", "The firm said."],
    ),
    (
        "BIS is removing Coralbay Instruments Sdn. Bhd. of Penang from the list. Kestrel Pte. Ltd. was named. It ends.",
        &["BIS is removing Coralbay Instruments Sdn. Bhd. of Penang from the list.", "Kestrel Pte. Ltd. was named.", "It ends."],
    ),
    (
        "Bei Dr. Windows halte ich euch seit November 2016 über alle Neuigkeiten auf dem Laufenden. Regelmäßige News sind auch dabei.",
        &[
            "Bei Dr. Windows halte ich euch seit November 2016 über alle Neuigkeiten auf dem Laufenden.",
            "Regelmäßige News sind auch dabei.",
        ],
    ),
    (
        "\"Die heutige Maßnahme gegen die Führung von Kaspersky Lab unterstreicht unser Engagement\", teilte das US-Finanzministerium damals mit. Die Sanktionen verbieten amerikanischen Unternehmen den Handel.",
        &[
            "\"Die heutige Maßnahme gegen die Führung von Kaspersky Lab unterstreicht unser Engagement\", teilte das US-Finanzministerium damals mit.",
            "Die Sanktionen verbieten amerikanischen Unternehmen den Handel.",
        ],
    ),
    (
        "Microsoft bedauerte die Entscheidung von Bytedance: “Wir sind uns sicher, dass unser Vorschlag gut für die TikTok-Nutzer gewesen wäre.” Wenig später berichteten Medien.",
        &[
            "Microsoft bedauerte die Entscheidung von Bytedance: “Wir sind uns sicher, dass unser Vorschlag gut für die TikTok-Nutzer gewesen wäre.”",
            "Wenig später berichteten Medien.",
        ],
    ),
    (
        "- Kaspersky zieht sich aufgrund fehlender Geschäftsgrundlage aus den USA zurück. . Die US-Regierung verbot den Verkauf von Kaspersky-Produkten wegen Sicherheitsbedenken. . Kaspersky wird ab dem 20. Juli Mitarbeiter in den USA kündigen.",
        &[
            "Kaspersky zieht sich aufgrund fehlender Geschäftsgrundlage aus den USA zurück.",
            "Die US-Regierung verbot den Verkauf von Kaspersky-Produkten wegen Sicherheitsbedenken.",
            "Kaspersky wird ab dem 20. Juli Mitarbeiter in den USA kündigen.",
        ],
    ),
    (
        "erhöht den Druck auf die Kurzvideoplattform TikTok \u{a0} und den chinesischen Mutterkonzern Bytedance \u{a0} . Das Unternehmen muss demnach binnen drei Monaten die Daten aller Nutzer vernichten.",
        &[
            "erhöht den Druck auf die Kurzvideoplattform TikTok \u{a0} und den chinesischen Mutterkonzern Bytedance \u{a0} .",
            "Das Unternehmen muss demnach binnen drei Monaten die Daten aller Nutzer vernichten.",
        ],
    ),
    (
        "Auch amerikanische Mitarbeiter wollen vor Gericht ziehen, meldet unter anderem die FAZ \u{a0} . 1500 Mitarbeiter hat die Plattform in den USA.",
        &[
            "Auch amerikanische Mitarbeiter wollen vor Gericht ziehen, meldet unter anderem die FAZ \u{a0} .",
            "1500 Mitarbeiter hat die Plattform in den USA.",
        ],
    ),
    (
        "17.08.2020 - US-Präsident Donald Trump setzt der Videoplattform TikTok ein hartes Ultimatum. Auch droht die Rückabwicklung der Musically-Übernahme.",
        &[
            "17.08.2020 - US-Präsident Donald Trump setzt der Videoplattform TikTok ein hartes Ultimatum.",
            "Auch droht die Rückabwicklung der Musically-Übernahme.",
        ],
    ),
    (
        "Wo stehen wir heute tatsächlich? Was können wir in der Zukunft erwarten?",
        &["Wo stehen wir heute tatsächlich?", "Was können wir in der Zukunft erwarten?"],
    ),
    ("Ihr Guide im New Marketing Management - ab 6,23 im Monat!", &["Ihr Guide im New Marketing Management - ab 6,23 im Monat!"]),
    (
        "Vortrag im Rahmen der Zukunftskonferenz 25. am 03.12.24, 09:30 Uhr",
        &["Vortrag im Rahmen der Zukunftskonferenz 25. am 03.12.24, 09:30 Uhr"],
    ),
    (
        "Der Schritt erfolgt knapp einen Monat, nachdem die US-Regierung angekündigt hatte, den Verkauf von Kaspersky-Produkten ab dem 29. September zu verbieten. Zudem wurde das Unternehmen auf eine schwarze Liste gesetzt.",
        &[
            "Der Schritt erfolgt knapp einen Monat, nachdem die US-Regierung angekündigt hatte, den Verkauf von Kaspersky-Produkten ab dem 29. September zu verbieten.",
            "Zudem wurde das Unternehmen auf eine schwarze Liste gesetzt.",
        ],
    ),
    (
        "Kaspersky machte 2022 nach eigenen Angaben mit 220.000 Geschäftskunden in etwa 200 Ländern einen Umsatz von 752 Millionen Dollar",
        &["Kaspersky machte 2022 nach eigenen Angaben mit 220.000 Geschäftskunden in etwa 200 Ländern einen Umsatz von 752 Millionen Dollar"],
    ),
    (
        "Die Anordnung begründet Trump mit \"glaubwürdigen Hinweisen\", wonach Bytedance Schritte unternehmen könnte, die \"die nationale Sicherheit der USA beeinträchtigen\". Der Videoplattform wird mangelnde Datensicherheit vorgeworfen.",
        &[
            "Die Anordnung begründet Trump mit \"glaubwürdigen Hinweisen\", wonach Bytedance Schritte unternehmen könnte, die \"die nationale Sicherheit der USA beeinträchtigen\".",
            "Der Videoplattform wird mangelnde Datensicherheit vorgeworfen.",
        ],
    ),
    (
        "Trump hatte bereits per Dekret Geschäfte mit ByteDance und dem WeChat-Betreiber Tencent \u{a0} verboten. Der Vollzug wurde bis Mitte September ausgesetzt.",
        &[
            "Trump hatte bereits per Dekret Geschäfte mit ByteDance und dem WeChat-Betreiber Tencent \u{a0} verboten.",
            "Der Vollzug wurde bis Mitte September ausgesetzt.",
        ],
    ),
    // Our own phrases.
    (
        "Betroffen sind z. B. Router und Kameras. Die Liste wird ca. monatlich ergänzt.",
        &["Betroffen sind z. B. Router und Kameras.", "Die Liste wird ca. monatlich ergänzt."],
    ),
    (
        "Das Verbot gilt u. a. für Behörden, bzw. für deren Zulieferer. Weitere Schritte folgen.",
        &["Das Verbot gilt u. a. für Behörden, bzw. für deren Zulieferer.", "Weitere Schritte folgen."],
    ),
    ("Es war der 3. Versuch der Regierung. Er scheiterte.", &["Es war der 3. Versuch der Regierung.", "Er scheiterte."]),
    (
        "Die EU hat im Rahmen ihres 14. Sanktionspakets Firmen gelistet. Peking protestierte.",
        &["Die EU hat im Rahmen ihres 14. Sanktionspakets Firmen gelistet.", "Peking protestierte."],
    ),
    (
        "Die Verordnung Nr. 2020/1234 trat am 1. Januar 2021 in Kraft. Sie gilt bis 2025.",
        &["Die Verordnung Nr. 2020/1234 trat am 1. Januar 2021 in Kraft.", "Sie gilt bis 2025."],
    ),
    (
        "Die Strafe beträgt 1.500 Euro bzw. 6,23 Prozent des Umsatzes. Das Gericht entschied am 16.07.2024 darüber.",
        &["Die Strafe beträgt 1.500 Euro bzw. 6,23 Prozent des Umsatzes.", "Das Gericht entschied am 16.07.2024 darüber."],
    ),
    (
        "The U.S. Commerce Department added the firm to the Entity List. Mr. Smith said so on Jan. 5 in St. Louis.",
        &[
            "The U.S. Commerce Department added the firm to the Entity List.",
            "Mr. Smith said so on Jan. 5 in St. Louis.",
        ],
    ),
    (
        "President Donald J. Trump signed the order. It takes effect in 45 days!",
        &["President Donald J. Trump signed the order.", "It takes effect in 45 days!"],
    ),
    (
        "„Das ist ein schwarzer Tag.“ Mit diesen Worten reagierte der Konzern.",
        &["„Das ist ein schwarzer Tag.“", "Mit diesen Worten reagierte der Konzern."],
    ),
    (
        "„Warum jetzt?“, fragte der Sprecher. Eine Antwort blieb aus.",
        &["„Warum jetzt?“, fragte der Sprecher.", "Eine Antwort blieb aus."],
    ),
    (
        "»Wir prüfen alle Optionen.« Das sagte die Ministerin.",
        &["»Wir prüfen alle Optionen.«", "Das sagte die Ministerin."],
    ),
    ("Die Gründe:\nSicherheit und Datenschutz.", &["Die Gründe:", "Sicherheit und Datenschutz."]),
    ("Er sagte ... dass es so kommt. Dann ging er.", &["Er sagte ... dass es so kommt.", "Dann ging er."]),
    ("Das Ende naht… Oder doch nicht?", &["Das Ende naht…", "Oder doch nicht?"]),
    ("Chips, Software etc. sind betroffen. Apple, Google etc. Dann kam die Liste.", &["Chips, Software etc. sind betroffen.", "Apple, Google etc.", "Dann kam die Liste."]),
    ("Das Werk wurde im Jahr 2017. Danach schloss es.", &["Das Werk wurde im Jahr 2017.", "Danach schloss es."]),
    ("Apple stellte es vor. iPhone-Nutzer sind betroffen.", &["Apple stellte es vor.", "iPhone-Nutzer sind betroffen."]),
    ("Siehe www.hightext.de für mehr.", &["Siehe www.hightext.de für mehr."]),
    ("Mehrere   Leerzeichen   bleiben. Und   so.", &["Mehrere   Leerzeichen   bleiben.", "Und   so."]),
    ("1. Punkt der Liste ist wichtig", &["1. Punkt der Liste ist wichtig"]),
    ("  . . .  ", &[]),
    ("", &[]),
    // AP datelines: a state's abbreviation after a town and a comma.
    (
        "NASHVILLE, Tenn. (AP) — A federal appeals court on Thursday allowed Tennessee to enforce its ban. The app said it was disappointed.",
        &[
            "NASHVILLE, Tenn. (AP) — A federal appeals court on Thursday allowed Tennessee to enforce its ban.",
            "The app said it was disappointed.",
        ],
    ),
    (
        "SAN FRANCISCO, Calif. — The company sued. It was based in Austin, Tex., until 2020.",
        &["SAN FRANCISCO, Calif. — The company sued.", "It was based in Austin, Tex., until 2020."],
    ),
    // Without the comma a state's abbreviation is an ordinary word.
    (
        "He moved to Pa. He said the move was final.",
        &["He moved to Pa.", "He said the move was final."],
    ),
];

#[test]
fn sentence_table() {
    let mut failures = Vec::new();
    for (input, expected) in CASES {
        let got = split(input);
        if got != *expected {
            failures.push(format!("input: {input:?}\n  expected: {expected:?}\n  got:      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn respects_the_given_range() {
    let text = "Vorne. Der Satz hier. Und der zweite! Hinten.";
    let start = text.find("Der").unwrap();
    let end = text.find(" Hinten").unwrap();
    let got: Vec<&str> = sentences(text, start..end).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["Der Satz hier.", "Und der zweite!"]);
}

#[test]
fn clamps_bad_ranges() {
    let text = "Grüße aus Köln.";
    assert!(sentences(text, 5..200).iter().all(|r| r.end <= text.len()));
    assert!(sentences(text, 20..30).is_empty());
    // Byte 3 is inside "ü": clamped to the next boundary.
    assert!(sentences(text, 3..text.len()).iter().all(|r| text.is_char_boundary(r.start)));
}

fn check_ranges(text: &str, range: Range<usize>) -> Result<(), TestCaseError> {
    let got = sentences(text, range.clone());
    let mut last = 0;
    for r in &got {
        prop_assert!(r.start < r.end, "empty range {:?}", r);
        prop_assert!(r.start >= range.start.min(text.len()) && r.end <= range.end.min(text.len()));
        prop_assert!(r.start >= last, "overlap or disorder at {:?}", r);
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        prop_assert!(!s.starts_with(is_space) && !s.ends_with(is_space), "untrimmed {:?}", s);
        prop_assert!(s.chars().any(char::is_alphanumeric));
        last = r.end;
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_strings_give_valid_ranges(text in any::<String>(), a in 0usize..300, b in 0usize..300) {
        check_ranges(&text, 0..text.len())?;
        check_ranges(&text, a.min(b)..a.max(b))?;
    }

    #[test]
    fn sentence_like_strings_give_valid_ranges(
        text in "([A-Za-zäöüß„“”\"»«]{0,6}[ \u{a0}\n]{0,3}[.!?:…,0-9]{0,3}[ \u{a0}]{0,2}){0,30}"
    ) {
        check_ranges(&text, 0..text.len())?;
    }
}

#[test]
fn html_references_read_as_the_characters_they_stand_for() {
    let text = "He said &#8220;no.&#8221; The court&#8217;s ruling&nbsp;stands.&nbsp;Next one. A &unknown; &amp; it.";
    let got: Vec<&str> = sentences_of_html(text, 0..text.len()).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        got,
        ["He said &#8220;no.&#8221;", "The court&#8217;s ruling&nbsp;stands.", "Next one.", "A &unknown; &amp; it."]
    );
    // Outside HTML a reference is text as written: the full stop before it ends nothing.
    assert_eq!(split(text).len(), 2, "{:?}", split(text));
}

proptest! {
    /// With no reference in the text, the HTML splitter is the plain one.
    #[test]
    fn the_html_splitter_is_the_plain_one_without_references(text in "[A-Za-z .!?\"“”„(),:0-9\n]{0,80}") {
        prop_assert_eq!(sentences_of_html(&text, 0..text.len()), sentences(&text, 0..text.len()));
    }

    /// Every range starts and ends on a character boundary outside any reference.
    #[test]
    fn html_ranges_never_cut_a_reference(
        parts in proptest::collection::vec(
            proptest::sample::select(vec!["Der", " ", ".", "&#8221;", "&nbsp;", "&amp;", "&#x2019;", "Text", "&", ";", "#", "A"]),
            0..30,
        ),
    ) {
        let text: String = parts.concat();
        for r in sentences_of_html(&text, 0..text.len()) {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let before = &text[..r.start];
            // A reference is never open across a range's start: no '&' after the last ';'
            // that could have begun one ending inside the range.
            if let Some(amp) = before.rfind('&') {
                let open = &text[amp..];
                if let Some((_, len)) = crate::text::charref::at(open) {
                    prop_assert!(amp + len <= r.start, "{text:?} {r:?}");
                }
            }
        }
    }
}

#[test]
fn a_paragraph_split_again_elsewhere_gives_its_sentences_where_it_now_stands() {
    let paragraph =
        "Das Amt sperrte die App am 20. Juli. Dr. Weber sagte: „Wir prüfen das.“ Danach &#8220;Ende&#8221;. Schluss";
    for references in [false, true] {
        for before in ["", "Titel\n\n", "Ein längerer Vorspann mit Umlauten: ä, ö, ü.\n\n"] {
            for after in ["", "\n\nNoch ein Absatz."] {
                let text = format!("{before}{paragraph}{after}");
                let range = before.len()..before.len() + paragraph.len();
                let fresh = split_text(&text, range.clone(), references);
                assert!(fresh.len() > 2, "the test paragraph has sentences: {fresh:?}");
                assert_eq!(super::split(&text, range.clone(), references), fresh, "{before:?} {after:?}");
                // A range that cuts a character is clamped to the same piece either way.
                let cut = range.start..range.end - 1;
                assert_eq!(super::split(&text, cut.clone(), references), split_text(&text, cut, references));
            }
        }
    }
}

proptest! {
    #[test]
    fn remembered_splits_are_the_splitters(text in "[a-zA-Z äöü.!?:;&#0-9\n]{0,80}", from in 0usize..90, len in 0usize..90) {
        let range = from..from.saturating_add(len);
        for references in [false, true] {
            prop_assert_eq!(super::split(&text, range.clone(), references), split_text(&text, range.clone(), references));
            prop_assert_eq!(super::split(&text, range.clone(), references), split_text(&text, range.clone(), references));
        }
    }
}

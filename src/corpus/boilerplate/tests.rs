use super::*;

use Feature::*;

/// (line, expected feature). Lines from the seed articles first, then our own, German and
/// English; `None` lines are article text that must stay citable.
const LINES: &[(&str, Option<Feature>)] = &[
    // Seeds: boilerplate.
    ("Anzeige", Some(AdMarker)),
    ("Empfehlung:   Tote bei israelischen Angriffen in Syrien | Aktuell Nahost | DW", Some(Teaser)),
    ("Mehr zum Thema:", Some(Teaser)),
    ("Diskussion:", Some(Teaser)),
    ("Vorträge zum Thema:", Some(Teaser)),
    ("Über den Autor", Some(BioHeading)),
    ("Über den Autor: Max Beispiel schreibt seit 2015 über Technologie und Handelspolitik.", Some(Bio)),
    ("About the author: Jane Doe covers trade policy from Washington.", Some(Bio)),
    (
        "Seit 1999 bin ich Microsoft eng verbunden und habe in diesem Ökosystem meine digitale Heimat gefunden. Bei Dr. Windows halte ich euch seit November 2016 über alle Neuigkeiten auf dem Laufenden.",
        Some(Bio),
    ),
    ("von Frauke Schobelt", Some(Byline)),
    ("0 Von", Some(Byline)),
    ("Mischenrieder Weg 18", Some(Address)),
    ("82234 Weßling", Some(Address)),
    ("Tel.: +49 (0) 89-57 83 87-0", Some(Contact)),
    ("Fax: +49 (0) 89-57 83 87-99", Some(Contact)),
    ("E-Mail: info@onetoone.de", Some(Contact)),
    ("Web: www.hightext.de", Some(Contact)),
    ("www.hightext.de", Some(Url)),
    ("Ihr Guide im New Marketing Management - ab 6,23 im Monat!", Some(Promo)),
    (
        "Hat Ihnen diese Beitrag weiter geholfen? Dann holen Sie sich die ONEtoONE-Premium-Mitgliedschaft. Sie unterstützen damit die Arbeit der Redaktion.",
        Some(Promo),
    ),
    (
        "Dieser Beitrag ist ein öffentlicher RSS Feed. Sie finden den Original Post unter folgender Quelle (Website) .",
        Some(Disclaimer),
    ),
    (
        "DigistoreProfi stellt den RSS-Nachrichtendienst nur zur Verfügung und distanziert sich vor Falschmeldungen oder Irreführung.",
        Some(Disclaimer),
    ),
    ("bri/kle (afp, dpa)", Some(AgencySignoff)),
    ("Folgen Sie uns:", Some(Social)),
    ("Besuchen Sie auch:", Some(Social)),
    ("• Bild: Christian Bennefeld", Some(Caption)),
    ("Die Zentrale des russischen IT-Sicherheitsspezialisten Kaspersky in Moskau (Aufnahme vom 30.1.2017)", Some(Caption)),
    ("Stand: 16.07.2024 15:11 Uhr", Some(Dateline)),
    ("Vortrag im Rahmen der Zukunftskonferenz 25. am 03.12.24, 09:30 Uhr", Some(EventTeaser)),
    // Seeds: article text.
    ("Auch Alibaba gerät ins Visier", None),
    ("Sanktionen gegen Kaspersky-Manager", None),
    ("Druck durch US-Behörden Kaspersky gibt US-Markt auf", None),
    (
        "17.08.2020 - US-Präsident Donald Trump setzt der Videoplattform TikTok und dem Mutterkonzern Bytedance ein hartes Ultimatum.",
        None,
    ),
    (
        "Trump ordnete außerdem an (hier einsehbar) \u{a0} , dass Bytedance die 2017 für 800 Millionen Dollar erfolgte Akquisition des US-amerikanischen Videodienstes Musically rückabwickeln muss.",
        None,
    ),
    (
        "\"Die heutige Maßnahme gegen die Führung von Kaspersky Lab unterstreicht unser Engagement, die Integrität unserer Cyber-Domäne zu gewährleisten und unsere Bürger vor bösartigen Cyber-Bedrohungen zu schützen\", teilte das US-Finanzministerium damals mit.",
        None,
    ),
    ("Kaspersky machte 2022 nach eigenen Angaben mit 220.000 Geschäftskunden in etwa 200 Ländern einen Umsatz von 752 Millionen Dollar", None),
    (
        "Außerdem haben die Unternehmen Tencent und ByteDance keine Möglichkeit mehr, entsprechende Updates über den Appstore von iOS sowie den Google Play Store zu veröffentlichen.",
        None,
    ),
    ("Der Videoplattform wird mangelnde Datensicherheit vorgeworfen, sie soll Nutzerdaten an die chinesische Regierung weitergeben.", None),
    ("Microsoft scheitert mit TikTok-Übernahme | Aktuell Amerika | DW", None),
    ("1500 Mitarbeiter hat die Plattform in den USA.", None),
    // Our own: boilerplate, German.
    ("- Anzeige -", Some(AdMarker)),
    ("WERBUNG", Some(AdMarker)),
    ("Sponsored: Compliance made simple. ScreenRight checks your suppliers against 40 sanctions lists.", Some(AdMarker)),
    ("Anzeige: Jetzt Lieferketten prüfen mit ExportCheck.", Some(AdMarker)),
    ("Anzeigen gegen zwei Manager: Die Staatsanwaltschaft ermittelt.", None),
    ("About this newsletter: The Tech Trade Brief is written by Hannah Lowe, a former customs lawyer.", Some(Bio)),
    ("Lesen Sie auch: Huawei darf keine 5G-Technik mehr liefern", Some(Teaser)),
    ("Das könnte Sie auch interessieren", Some(Teaser)),
    ("Zur Autorin", Some(BioHeading)),
    ("Ich bin Redakteurin für Technologiepolitik und schreibe seit 2015 über Exportkontrollen.", Some(Bio)),
    ("Von Anna Berger und Jonas Weiß", Some(Byline)),
    ("Telefon: 030 1234567", Some(Contact)),
    ("Hauptstraße 5a", Some(Address)),
    ("D-10115 Berlin", Some(Address)),
    ("Jetzt Newsletter abonnieren", Some(Promo)),
    ("Alle Rechte vorbehalten.", Some(Disclaimer)),
    ("© 2024 Beispiel Medien GmbH", Some(Disclaimer)),
    ("Dieser Artikel erschien zuerst bei der Zeitung Beispielblatt.", Some(Disclaimer)),
    ("(dpa)", Some(AgencySignoff)),
    ("Mit Material von dpa", Some(AgencySignoff)),
    ("Foto: picture alliance / Beispiel", Some(Caption)),
    (
        "*Eine Drohne im Einsatz: In den USA dürfen keine neuen Modelle mehr verkauft werden. Bild: picture alliance / Zoonar | Heiko Küverling*",
        Some(Caption),
    ),
    ("The drone maker's US sales stopped in March. Photo: Jane Doe/Example Agency", Some(Caption)),
    ("Die Behörde nannte zwei Gründe: Sicherheit und Datenschutz.", None),
    ("Ein Huawei-Schriftzug auf der Messe in Barcelona (Archivbild)", Some(Caption)),
    ("Veröffentlicht am 3. März 2023, 10:15 Uhr", Some(Dateline)),
    ("Webinar am 12.05.2024 um 14:00 Uhr: Exportkontrollen verstehen", Some(EventTeaser)),
    // Our own: boilerplate, English.
    ("Advertisement", Some(AdMarker)),
    ("Read more: Commerce adds 30 firms to the Entity List", Some(Teaser)),
    ("About the author", Some(BioHeading)),
    ("Jane Doe is a senior technology writer covering trade policy.", Some(Bio)),
    ("By John Smith", Some(Byline)),
    ("Subscribe to our newsletter for only $4.99 a month!", Some(Promo)),
    ("This article was originally published by Example News.", Some(Disclaimer)),
    ("All rights reserved.", Some(Disclaimer)),
    ("Follow us on Mastodon", Some(Social)),
    ("Photo: Getty Images", Some(Caption)),
    ("Updated: July 16, 2024", Some(Dateline)),
    ("https://example.com/articles/123", Some(Url)),
    ("Washington, DC 20230", Some(Address)),
    // Our own: article text that must stay.
    ("Das Abo des Streamingdienstes kostet künftig ab 9,99 Euro im Monat.", None),
    ("Von der Leyen kündigte neue Sanktionen an.", None),
    ("Der Konzern hat seinen Sitz in der Hauptstraße 5 in Shenzhen, teilte das Ministerium mit.", None),
    ("„Ich bin seit 2010 im Unternehmen und habe so etwas nie erlebt“, sagte eine Mitarbeiterin.", None),
    ("Die Werbung für die App ist in den USA künftig verboten.", None),
    ("Die Konferenz der Handelsminister beginnt am Montag in Brüssel.", None),
    ("The Commerce Department said the ban takes effect on Sept. 20.", None),
    ("Huawei was added to the Entity List in May 2019.", None),
    ("Anzeigen gegen die Manager wurden bereits erstattet.", None),
    ("Die Diskussion über ein Verbot von TikTok hält an.", None),
    ("Von Huawei bis TikTok", None),
    // Probes: wire photo captions and their credits.
    (
        "A view shows the headquarters of Tarsin Microelectronics, which was hit with U.S. sanctions on Wednesday, in Shenzhen, China, March 4, 2025. REUTERS/Staff/File Photo Purchase Licensing Rights, opens new tab",
        Some(Caption),
    ),
    (
        "A sign of China Unicom is seen at its booth at the Mobile World Congress in Shanghai, China, June 23, 2021. REUTERS/Aly Song/File Photo",
        Some(Caption),
    ),
    ("Protesters gather outside the Capitol in Nashville on Monday. (AP Photo/George Walker IV, File)", Some(Caption)),
    ("Purchase Licensing Rights", Some(Caption)),
    ("The agencies said the joint reporting by AFP/Reuters found no evidence.", None),
    ("Analysts cited a survey by AP/NORC.", None),
    // Probes: wire and publisher sign-offs.
    ("Reporting by Daniel Ashford and Priya Raman in Washington; Editing by Lisa Shumaker", Some(AgencySignoff)),
    (
        "Reporting by Alan Brecker; Additional reporting by Yew Lun Tian in Beijing; Editing by Tom Hogue",
        Some(AgencySignoff),
    ),
    ("Writing by Jane Doe; editing by John Roe", Some(AgencySignoff)),
    ("Associated Press writer Wen Liqun in Beijing contributed to this report.", Some(AgencySignoff)),
    ("Associated Press writer Maria Santos contributed from Atlanta.", Some(AgencySignoff)),
    ("Jane Doe and John Roe contributed reporting.", Some(AgencySignoff)),
    ("— With assistance from Colum Murphy and Jing Li", Some(AgencySignoff)),
    ("—With assistance from Yoolim Lee.", Some(AgencySignoff)),
    ("(Updates with Illumina comment in seventh paragraph.)", Some(AgencySignoff)),
    ("(Adds analyst comment in paragraph 5)", Some(AgencySignoff)),
    ("Mit Informationen von Srdjan Govedarica, ARD-Studio Wien", Some(AgencySignoff)),
    ("Our Standards: The Thomson Reuters Trust Principles.", Some(Disclaimer)),
    ("Our Standards: The Thomson Reuters Trust Principles., opens new tab", Some(Disclaimer)),
    ("This blog is for general information only and is not legal advice. Subscribe to receive our posts by email.", Some(Disclaimer)),
    ("This post is provided for general informational purposes only and is not legal advice.", Some(Disclaimer)),
    ("Most Read from Bloomberg", Some(Teaser)),
    ("Dieses Thema im Programm: Das Erste | tagesschau | 12.09.2025 | 12:00 Uhr", Some(Teaser)),
    (
        "Nadia Perlman is a senior associate in the firm’s government contracts group and writes frequently on supply-chain security rules.",
        Some(Bio),
    ),
    (
        "Ruth Calloway is a partner in Hollis & Crane’s international trade practice in Washington, where she advises clients on export controls, sanctions and CFIUS reviews.",
        Some(Bio),
    ),
    // Probes: the sign-offs' wording in news sentences, which stays.
    ("Reporting from Washington, the paper said the rule would take effect in May.", None),
    ("Reporting by the Financial Times showed that Huawei had shipped the chips through a subsidiary.", None),
    ("Reporting by Bloomberg News showed that the listing followed a lengthy review", None),
    ("Editing the rule will take months, the department said.", None),
    ("The ruling was criticised after the court's editing by clerks came to light.", None),
    ("Huawei contributed to this report, the commission said.", None),
    ("Several suppliers contributed to the drone programme, the Treasury said.", None),
    ("With assistance from Chinese suppliers, the company built the plant in two years.", None),
    ("Veskor Industrial said it had halted all new orders while it sought legal advice.", None),
    ("The ministry said its guidance was not legal advice and companies should consult lawyers.", None),
    ("Elena Varga is a partner at the law firm Morrow Kline, which represents several of the listed companies.", None),
    ("Trade lawyers said the speed of recent listings has caught some American exporters off guard.", None),
    ("Mit Informationen von Insidern ging die Behörde gegen den Konzern vor.", None),
    ("The most read report of the year named six Chinese firms.", None),
    // Probes: page stamps.
    ("Sept. 3, 2024, 4:12 PM ET / Updated Sept. 4, 2024", Some(Dateline)),
    ("March 12, 2025 10:41 PM GMT+1 Updated 3 hours ago", Some(Dateline)),
    ("Updated 6:02 PM EDT, March 20, 2026", Some(Dateline)),
    ("Updated on February 4, 2025 at 9:45 AM EST", Some(Dateline)),
    ("13.11.2025 - 18:30 Uhr", Some(Dateline)),
    ("On Sept. 3, 2024, the department added 12 firms to the list.", None),
    // Probes: promotions with words between "jetzt" and the verb.
    ("heise Security Tour 2025: Ransomware, KI-Angriffe, NIS2 – jetzt Ticket sichern und 20 % Frühbucherrabatt nutzen!", Some(Promo)),
    ("„Wir müssen jetzt die Lieferketten sichern!“, sagte der Minister.", None),
    ("Die Regierung will jetzt die Versorgung mit Chips sichern.", None),
];

#[test]
fn line_table() {
    let mut failures = Vec::new();
    for &(line, expected) in LINES {
        let got = line_feature(line);
        if got != expected {
            failures.push(format!("{line:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} line(s) misjudged:\n{}", failures.len(), failures.join("\n"));
}

/// Classifies an article given as lines (evenly spaced positions) and returns the lines
/// judged boilerplate.
fn boilerplate_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let positions: Vec<f64> = (0..lines.len()).map(|i| i as f64 / lines.len() as f64).collect();
    let classes = classify(lines, &positions, &[], &[]);
    lines.iter().zip(classes).filter(|(_, c)| c.boilerplate).map(|(l, _)| *l).collect()
}

#[test]
fn footer_zone_takes_the_rest_of_an_invented_german_article() {
    let lines = [
        "Handelsstreit",
        "Berlin prüft Verbot chinesischer Netzkomponenten",
        "von Max Mustermann",
        "Die Bundesregierung prüft ein Verbot bestimmter Komponenten in den 5G-Netzen.",
        "Betroffen wären vor allem Hersteller aus China, heißt es aus Regierungskreisen.",
        "Eine Entscheidung soll bis Ende des Jahres fallen.",
        "Die Netzbetreiber warnen vor hohen Kosten und Verzögerungen beim Ausbau.",
        "Lesen Sie auch",
        "Wie Europa seine Netze schützen will",
        "Beispiel Verlag GmbH",
        "Musterweg 1",
        "12345 Musterstadt",
    ];
    assert_eq!(
        boilerplate_lines(&lines),
        [
            "von Max Mustermann",
            "Lesen Sie auch",
            "Wie Europa seine Netze schützen will",
            "Beispiel Verlag GmbH",
            "Musterweg 1",
            "12345 Musterstadt"
        ]
    );
}

#[test]
fn footer_zone_in_an_invented_english_article() {
    let lines = [
        "US widens chip export controls",
        "By Jane Doe",
        "The Commerce Department on Friday widened its export controls on advanced chips.",
        "Companies will need a licence to ship the chips to the affected countries.",
        "The rule takes effect in 30 days, the department said.",
        "Industry groups criticised the move as overly broad.",
        "About the author",
        "Jane Doe",
        "I have been covering trade policy since 2012 as a reporter.",
        "Follow us on Mastodon",
    ];
    assert_eq!(
        boilerplate_lines(&lines),
        [
            "By Jane Doe",
            "About the author",
            "Jane Doe",
            "I have been covering trade policy since 2012 as a reporter.",
            "Follow us on Mastodon"
        ]
    );
}

#[test]
fn an_early_marker_does_not_swallow_the_article() {
    // A teaser in the first half marks itself only; the article goes on after it.
    let lines = [
        "Neue Sanktionen gegen Technologiefirmen",
        "Die EU hat neue Sanktionen gegen mehrere Technologiefirmen beschlossen.",
        "Lesen Sie auch: Was die Entity List bedeutet",
        "Die Maßnahmen treten am 1. März in Kraft.",
        "Betroffen sind Hersteller von Halbleitern und Drohnen.",
        "Die Unternehmen kündigten an, dagegen zu klagen.",
        "Eine Entscheidung des Gerichts wird im Sommer erwartet.",
        "Beobachter rechnen mit weiteren Schritten.",
    ];
    assert_eq!(boilerplate_lines(&lines), ["Lesen Sie auch: Was die Entity List bedeutet"]);
}

#[test]
fn a_lone_promo_mid_article_marks_only_itself() {
    let lines = [
        "Exportverbot für Chipmaschinen",
        "Die Niederlande haben den Export bestimmter Chipmaschinen untersagt.",
        "Der Hersteller rechnet mit Einbußen im Chinageschäft.",
        "Jetzt Newsletter abonnieren",
        "Die Regierung begründete den Schritt mit Sicherheitsinteressen.",
        "Peking kritisierte die Entscheidung scharf.",
        "Weitere Länder könnten folgen.",
    ];
    assert_eq!(boilerplate_lines(&lines), ["Jetzt Newsletter abonnieren"]);
}

#[test]
fn an_ad_late_in_a_short_article_does_not_swallow_the_paragraph_after_it() {
    // The ad stands past the middle, where a footer may start; the article goes on after
    // it with a paragraph of prose, and only the bio after that is the footer.
    let lines = [
        "Gericht stoppt Einstufung von Velantis",
        "Ein Bundesrichter setzte am Freitag die Einstufung des Konzerns vorläufig aus.",
        "Das Ministerium hatte Velantis im April auf eine Liste von Firmen gesetzt.",
        "Anzeige",
        "Jetzt das Technik-Abo sichern: nur 9,99 Euro im Monat!",
        "Velantis hatte im Mai Klage gegen die Entscheidung eingereicht, der Richter erklärte, das Ministerium habe seine Entscheidung nicht begründet.",
        "Über den Autor: Max Beispiel schreibt seit 2015 über Technologie und Handelspolitik.",
    ];
    assert_eq!(
        boilerplate_lines(&lines),
        [
            "Anzeige",
            "Jetzt das Technik-Abo sichern: nur 9,99 Euro im Monat!",
            "Über den Autor: Max Beispiel schreibt seit 2015 über Technologie und Handelspolitik."
        ]
    );
}

/// Like [`boilerplate_lines`], for an article given as paragraphs of lines: the lines of
/// one paragraph follow each other without a blank line.
fn boilerplate_lines_in_paragraphs<'a>(paragraphs: &[&[&'a str]]) -> Vec<&'a str> {
    let lines: Vec<&str> = paragraphs.iter().flat_map(|p| p.iter().copied()).collect();
    let glued: Vec<bool> = paragraphs.iter().flat_map(|p| (0..p.len()).map(move |k| k + 1 < p.len())).collect();
    let positions: Vec<f64> = (0..lines.len()).map(|i| i as f64 / lines.len() as f64).collect();
    let classes = classify(&lines, &positions, &[], &glued);
    lines.iter().zip(classes).filter(|(_, c)| c.boilerplate).map(|(l, _)| *l).collect()
}

#[test]
fn the_paragraph_after_an_ad_marker_is_the_ad_when_it_reads_like_one() {
    let ad_then = |ad: &'static str| {
        let lines = [
            "Brennwald hebt Prognose an",
            "Der Sensorhersteller hat im dritten Quartal mehr verdient als erwartet und seine Prognose angehoben.",
            "Getrieben wurde das Wachstum vor allem von der Nachfrage aus China und aus den USA.",
            "Anzeige",
            ad,
            "Das Unternehmen prüft derzeit, ob es sein Geschäft in China mit einem zweiten Werk ausbauen soll.",
            "Eine Entscheidung soll im Frühjahr fallen, sagte der Vorstandschef am Donnerstag in Frankfurt.",
        ];
        boilerplate_lines(&lines).contains(&ad)
    };
    // It addresses the reader, ends in a web address or in "mehr erfahren", or is an offer.
    assert!(ad_then(
        "Exportkontrolle ohne Risiko: Die Compliance-Software TradeGuard prüft Ihre Lieferketten automatisch gegen alle Sanktionslisten der EU und der USA. Mehr erfahren unter tradeguard.de"
    ));
    assert!(ad_then(
        "Exportkontrolle und Investitionsprüfung rechtssicher meistern: Die Kanzlei Lindholm & Partner berät Mittelständler bei allen Fragen des Außenwirtschaftsrechts. Mehr unter lindholm-partner.de"
    ));
    assert!(ad_then("Compliance-Software für den Mittelstand. Jetzt mehr erfahren"));
    assert!(ad_then("heise Security Tour 2025: Ransomware, KI-Angriffe, NIS2 – jetzt Ticket sichern und 20 % Frühbucherrabatt nutzen!"));
    assert!(ad_then("Keep your supply chain compliant with the sanctions screening tool trusted by 500 exporters."));
    // News after the marker stays: a quote that says "Sie", a report.
    assert!(!ad_then(
        "„Wir haben Sie rechtzeitig gewarnt“, sagte ein Sprecher des Ministeriums am Donnerstag in Berlin."
    ));
    assert!(!ad_then(
        "Die Aktie legte im nachbörslichen Handel um sieben Prozent zu, wie Händler in Frankfurt berichteten."
    ));
}

#[test]
fn a_caption_runs_into_its_credit_line() {
    let caption =
        "Ein Mobilfunkmast in Niederösterreich: Vor allem im ländlichen Raum stehen Antennen chinesischer Hersteller.";
    let paragraphs: &[&[&str]] = &[
        &["Österreich verbannt Kuntai aus dem 5G-Netz"],
        &["Neue Komponenten der beiden Hersteller dürfen bereits zum 1. Januar nicht mehr verbaut werden."],
        &[caption, "Bildquelle: picture alliance / APA"],
        &["Die Betreiber rechnen mit Kosten in Milliardenhöhe, sagte ein Sprecher des Verbands."],
        &["Deutschland hatte sich im Juli 2024 mit den Netzbetreibern auf einen ähnlichen Fahrplan geeinigt."],
    ];
    assert_eq!(boilerplate_lines_in_paragraphs(paragraphs), [caption, "Bildquelle: picture alliance / APA"]);
    // A paragraph of its own before the credit (a blank line between them) is not the
    // caption; nor is a line that continues a paragraph.
    let apart: &[&[&str]] = &[
        &["Österreich verbannt Kuntai aus dem 5G-Netz"],
        &["Neue Komponenten der beiden Hersteller dürfen bereits zum 1. Januar nicht mehr verbaut werden."],
        &[caption],
        &["Foto: picture alliance / APA"],
        &["Die Betreiber rechnen mit Kosten in Milliardenhöhe, sagte ein Sprecher des Verbands."],
        &["Die Regierung will die Netze schützen.", "Betroffen sind vor allem ländliche Regionen.", "Foto: dpa"],
    ];
    assert_eq!(boilerplate_lines_in_paragraphs(apart), ["Foto: picture alliance / APA", "Foto: dpa"]);
}

#[test]
fn a_teaser_label_takes_the_list_of_headlines_under_it() {
    let paragraphs: &[&[&str]] = &[
        &["Samsung opens Taylor plant"],
        &["Samsung Electronics opened its chip plant in Taylor, Texas, on Thursday after years of delays."],
        &["The company said the plant would begin volume production in the second half of the year."],
        &["Analysts said the yields over the next two quarters would matter more than the ceremony."],
        &["The company also makes memory chips at plants in China, where it has operated for decades."],
        &[
            "Most Read from Bloomberg",
            "Nvidia Tops Estimates as AI Spending Shows No Sign of Slowing",
            "Apple Weighs Bigger Role for Google Gemini in Siri Overhaul",
        ],
        &["Samsung declined to comment on its customers, and Tesla did not respond to a request."],
    ];
    assert_eq!(
        boilerplate_lines_in_paragraphs(paragraphs),
        [
            "Most Read from Bloomberg",
            "Nvidia Tops Estimates as AI Spending Shows No Sign of Slowing",
            "Apple Weighs Bigger Role for Google Gemini in Siri Overhaul",
        ]
    );
}

#[test]
fn wire_sign_offs_open_the_footer_zone() {
    let lines = [
        "U.S. sanctions Chinese chip distributor Tarsin",
        "The U.S. Treasury Department on Wednesday imposed sanctions on Tarsin Microelectronics.",
        "The Office of Foreign Assets Control added Tarsin to the Specially Designated Nationals list.",
        "Tarsin said in a statement that it firmly opposes the designation, which it called groundless.",
        "Chinese officials have repeatedly said that normal trade between China and Russia should not be disrupted.",
        "Reporting by Daniel Ashford and Priya Raman in Washington; Editing by Lisa Shumaker",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ];
    assert_eq!(boilerplate_lines(&lines), &lines[5..]);
    let lines = [
        "China targets PVH and Illumina",
        "China put PVH Corp. and Illumina Inc. on its unreliable entity list on Tuesday.",
        "The commerce ministry said the companies had violated normal market transaction principles.",
        "Illumina said it was evaluating the announcement and would work with Chinese authorities.",
        "PVH has been under investigation by Chinese authorities since September over its cotton.",
        "— With assistance from Colum Murphy and Jing Li",
        "(Updates with Illumina comment in seventh paragraph.)",
        "Most Read from Bloomberg",
        "Trump Says US Will Take Over Gaza Strip in Surprise Plan",
        "©2025 Bloomberg L.P.",
    ];
    assert_eq!(boilerplate_lines(&lines), &lines[5..]);
}

#[test]
fn repeated_headline_and_ad_follow_up() {
    let lines = [
        "Kaspersky verlässt die USA",
        "Kaspersky verlässt die USA",
        "Der Hersteller zieht sich nach dem Verkaufsverbot aus dem Markt zurück.",
        "Anzeige",
        "www.beispiel-shop.de",
        "Die Mitarbeiter sollen Abfindungen erhalten.",
    ];
    assert_eq!(boilerplate_lines(&lines), ["Kaspersky verlässt die USA", "Anzeige", "www.beispiel-shop.de"]);
}

#[test]
fn a_repeat_is_the_same_words_in_any_case_and_spacing() {
    let lines = [
        "Kaspersky  verlässt die USA",
        "Der Hersteller zieht sich nach dem Verkaufsverbot aus dem Markt zurück.",
        "KASPERSKY VERLÄSST\u{a0}die usa",
        "Kaspersky verlässt die USA nicht",
        "ΟΔΟΣ ΕΞΟΔΟΥ",
        "οδος εξοδου",
    ];
    assert_eq!(boilerplate_lines(&lines), ["KASPERSKY VERLÄSST\u{a0}die usa", "οδος εξοδου"]);
}

#[test]
fn headings_are_short_unpunctuated_lines() {
    assert!(is_heading("Auch Alibaba gerät ins Visier"));
    assert!(is_heading("## Hintergrund"));
    assert!(!is_heading("Die Sanktionen verbieten amerikanischen Unternehmen den Handel."));
    assert!(!is_heading(
        "Kaspersky machte 2022 nach eigenen Angaben mit 220.000 Geschäftskunden in etwa 200 Ländern einen Umsatz von 752 Millionen Dollar"
    ));
    assert!(!is_heading("Wo stehen wir heute?"));
}

/// The patterns behind the literal gate, with the gate's pattern for each.
fn scanned() -> [(Scan, &'static Regex); 7] {
    [
        (Scan::Disclaimer, &DISCLAIMER),
        (Scan::PromoWord, &PROMO_WORD),
        (Scan::FirstPerson, &BIO_FIRST_PERSON),
        (Scan::PerPeriod, &PRICE_PER_PERIOD),
        (Scan::CaptionTail, &CAPTION_TAIL),
        (Scan::CaptionCredit, &CAPTION_CREDIT),
        (Scan::CaptionAgency, &CAPTION_AGENCY),
    ]
}

#[test]
fn only_the_long_s_and_the_kelvin_sign_match_ascii_letters_case_insensitively() {
    // The gate's literals are compared with ASCII case folding; this is what that misses.
    let all: String = (0x80..=0x10ffff_u32).filter_map(char::from_u32).collect();
    let folded: Vec<char> =
        Regex::new(r"(?i)[a-z0-9]").unwrap().find_iter(&all).filter_map(|m| m.as_str().chars().next()).collect();
    assert_eq!(folded, ['ſ', '\u{212a}']);
}

#[test]
fn the_gate_passes_every_line_a_gated_pattern_matches() {
    let mut lines: Vec<&str> = LINES.iter().map(|(l, _)| *l).collect();
    lines.extend([
        "Alle Rechte vorbehalten.",
        "© 2024 Example Media",
        "(C) Example",
        "Copyright Example",
        "This story was first appeared here",
        "Jetzt gratis testen: nur 4,99 € im Monat",
        "Abo abschließen!",
        "I'm a reporter at the Example Times",
        "Preis: ab 5 € pro Woche",
        "Ein Bild (Foto: Archiv)",
        "Foto: Getty Images",
        "Foto: picture alliance",
        "SIGN UP for our newsletter",
        "Jetzt abonnieren und ſparen",
        "Our standards: the principles",
        "THIS POST is for general information only",
        "Shanghai, June 23, 2021. REUTERS/Aly Song/File Photo",
        "(AFP Photo/Jane Doe)",
        "Jetzt Ticket sichern!",
    ]);
    for line in lines {
        for (scan, re) in scanned() {
            if re.is_match(line) {
                assert!(MayMatch::of(line).may(scan), "{line:?}");
            }
        }
        if EVENT_TIME.is_match(line) {
            assert!(may_hold_time(line), "{line:?}");
        }
    }
}

/// A pattern's source without its anchors and word boundaries (and negations in its
/// classes), for generating text that it may match: only lines it does match are
/// checked.
fn generator_source(re: &Regex) -> String {
    re.as_str().replace("(?-u:\\b)", "").replace(['^', '$'], "")
}

proptest::proptest! {
    #[test]
    fn the_gate_passes_generated_lines_a_gated_pattern_matches(
        which in 0usize..8,
        seed in proptest::prelude::any::<u64>(),
        before in "[a-zA-Z0-9äöüßÄÖÜſ\u{212a} .,:()€-]{0,12}",
        after in "[a-zA-Z0-9äöüß .,:()€-]{0,12}",
    ) {
        use proptest::strategy::{Strategy, ValueTree};
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let (scan, re) = match scanned().get(which) {
            Some(&(scan, re)) => (Some(scan), re),
            None => (None, &*EVENT_TIME),
        };
        let strategy = proptest::string::string_regex(&generator_source(re)).unwrap();
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        let middle = strategy.new_tree(&mut runner).unwrap().current();
        let line = format!("{before}{middle}{after}");
        if re.is_match(&line) {
            match scan {
                Some(scan) => proptest::prop_assert!(MayMatch::of(&line).may(scan), "{:?}", line),
                None => proptest::prop_assert!(may_hold_time(&line), "{:?}", line),
            }
        }
    }
}

/// The hash of repeated lines as first written: words from `split_whitespace`, each
/// letter lowercased and hashed, then a word end.
fn repeat_hash_by_words(line: &str) -> Option<u64> {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut any = false;
    for w in line.split_whitespace() {
        any = true;
        for c in w.chars() {
            c.to_lowercase().for_each(|l| h.write_u32(if l == 'ς' { 'σ' } else { l } as u32));
        }
        h.write_u8(0xff);
    }
    any.then(|| h.finish())
}

proptest::proptest! {
    /// The byte-stepping scans agree with the plain ones over text of every kind of
    /// whitespace and digit.
    #[test]
    fn byte_scans_agree_with_the_plain_rules(
        line in proptest::collection::vec(
            proptest::sample::select(vec![
                'a', 'Z', '7', 'ä', 'Ä', 'ß', 'Σ', 'ς', 'İ', '\u{212a}', '٣', '½', ' ', '\t', '\n', '\u{b}',
                '\u{c}', '\r', '\u{a0}', '\u{2009}', '\u{3000}', '\u{85}', '.', '-',
            ]),
            0..24,
        ),
        cap in 0usize..8,
    ) {
        let line: String = line.into_iter().collect();
        proptest::prop_assert_eq!(words_upto(&line, cap), line.split_whitespace().take(cap).count());
        proptest::prop_assert_eq!(has_digit(&line), line.chars().any(char::is_numeric));
        proptest::prop_assert_eq!(repeat_hash(&line), repeat_hash_by_words(&line));
    }
}

//! `socklab --lang ru|zh diagram`: a picture a Russian or Chinese teacher
//! can put on a slide. Its own words (title, legend, gaps, the graph's
//! axes) are in the language chosen and its document says which language
//! it is in; what is a name (flags, seq=, ack=, win=, states, handles,
//! role tags) is as in English, so every arrow says exactly what it says
//! in the English picture. A Chinese title fits the picture and a Chinese
//! ladder fits its columns.

mod common;

use common::*;
use socklab::i18n::{Lang, in_lang, lookup};
use socklab::transcript::library;
use unicode_width::UnicodeWidthStr;

/// Lessons whose pictures use each legend entry and a gap: a lost segment
/// and its retransmission (45), held segments and gaps (42), a zero window
/// (51).
const LESSONS: [&str; 3] = ["45", "42", "51"];

/// The picture of `lesson` as `socklab --lang LANG diagram` draws it.
fn drawn(lang: Lang, lesson: &str, args: &[&str]) -> String {
    let output = socklab()
        .args(["--lang", lang.code(), "diagram", lesson])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{lang} {lesson} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The message `id` in `lang`, which must differ from the English one.
fn words(lang: Lang, id: &str) -> String {
    let said = in_lang(lang, || lookup(id)).unwrap_or_else(|| panic!("no {id}"));
    let english = in_lang(Lang::En, || lookup(id)).unwrap();
    assert_ne!(said, english, "{id} is not translated into {lang}");
    said
}

/// The texts of the elements `<text class="CLASS…">` in order, as written
/// (escaped).
fn texts(svg: &str, class: &str) -> Vec<String> {
    let opening = format!("<text class=\"{class}");
    svg.split(opening.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once('>'))
        .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").to_string())
        .collect()
}

/// What each arrow of a ladder SVG says, and how many arrows it draws.
fn arrows(svg: &str) -> (Vec<String>, usize) {
    (
        texts(svg, "label"),
        svg.matches("<line class=\"segment").count(),
    )
}

/// The first narration line of a built-in lesson in `lang`.
fn first_line(lesson: &str, lang: Lang) -> String {
    let lesson = library::find(lesson).unwrap();
    let parsed = socklab::transcript_format::parse(lesson.text).unwrap();
    parsed.entries[0].narration.get(lang)[0].clone()
}

#[test]
fn the_svg_says_its_words_in_the_language_and_draws_the_same_arrows() {
    for lesson in LESSONS {
        let english = drawn(Lang::En, lesson, &["--format", "svg"]);
        assert!(english.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="));
        let (english_arrows, english_count) = arrows(&english);
        assert!(english_count > 0, "{lesson}");
        for lang in [Lang::Ru, Lang::Zh] {
            let svg = drawn(lang, lesson, &["--format", "svg"]);
            let root = svg.lines().next().unwrap();
            assert!(
                root.contains(&format!(" lang=\"{}\"", lang.tag())),
                "{lang} {lesson}: {root}"
            );
            assert_eq!(arrows(&svg), (english_arrows.clone(), english_count));
            // The title: the lesson's first line in this language.
            let title = texts(&svg, "title").join(" ");
            let first = first_line(lesson, lang);
            let start: String = first.chars().take(8).collect();
            assert!(title.contains(&start), "{lang} {lesson}: {title}");
            // Each legend entry the English picture has, in this language.
            let legends = texts(&svg, "legend");
            assert_eq!(legends.len(), texts(&english, "legend").len());
            for (id, english_words) in [
                (
                    "diagram-legend-retransmission",
                    "retransmission (sent again)",
                ),
                ("diagram-legend-lost", "lost or dropped on the way"),
                ("diagram-legend-held", "held on the lab&apos;s link"),
            ] {
                if english.contains(english_words) {
                    assert!(!svg.contains(english_words), "{lang} {lesson}");
                    assert!(legends.contains(&words(lang, id)), "{lang} {lesson}");
                }
            }
            for gap in texts(&svg, "gap") {
                assert!(!gap.is_ascii(), "{lang} {lesson}: {gap}");
            }
        }
    }
}

#[test]
fn the_html_handout_is_marked_with_its_language_and_draws_the_same_arrows() {
    for lesson in LESSONS {
        let english = drawn(Lang::En, lesson, &["--format", "html"]);
        assert!(english.contains("<html lang=\"en\">"));
        for lang in [Lang::Ru, Lang::Zh] {
            let html = drawn(lang, lesson, &["--format", "html"]);
            assert!(
                html.contains(&format!("<html lang=\"{}\">", lang.tag())),
                "{lang} {lesson}"
            );
            assert_eq!(arrows(&html), arrows(&english), "{lang} {lesson}");
            let heading = html.split("<h1>").nth(1).unwrap().split("</h1>").next();
            let start: String = first_line(lesson, lang).chars().take(8).collect();
            assert!(heading.unwrap().contains(&start), "{lang} {lesson}");
            if english.contains("class=\"legend zero-window\"") {
                let zero = words(lang, "diagram-legend-zero-window");
                assert!(html.contains(&zero), "{lang} {lesson}");
            }
        }
    }
}

/// A lesson of one handshake whose first line, in Chinese, is far longer
/// than a picture is wide.
const LONG_TITLE: &str = "# A handshake.\n\
#zh 三次握手：客户端发出SYN，服务器回答SYN,ACK，客户端再确认；此后两端都进入ESTABLISHED状态，连接建立完毕，可以开始传送数据了，这正是本课要观察的全部过程。\n\
> connect cli srv\n\
connect(cli, 127.0.0.1:5) = 0\n  \
cli → srv  [SYN]      seq=0 win=[N] <mss [N]>\n  \
srv → cli  [SYN,ACK]  seq=0 ack=1 win=[N] <mss [N]>\n  \
cli → srv  [ACK]      seq=1 ack=1 win=[N] <TS>\n";

/// A Chinese title is broken between characters, and each line fits the
/// picture even where every Chinese character is a full em wide (as CJK
/// fonts draw them) and every other character as wide as the title font's
/// widest allowance (0.72 em); it is cut only after its second line.
#[test]
fn a_chinese_title_fits_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("handshake.socklab");
    std::fs::write(&file, LONG_TITLE).unwrap();
    let svg = drawn(Lang::Zh, file.to_str().unwrap(), &["--format", "svg"]);
    let root = svg.lines().next().unwrap();
    let width: f64 = root
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let lines = texts(&svg, "title");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("handshake — 三次握手"), "{lines:?}");
    assert!(lines[1].ends_with('…'), "{lines:?}");
    for line in &lines {
        let px: f64 = line
            .chars()
            .map(|c| match c.to_string().width() {
                2 => 20.0,
                _ => 20.0 * 0.72,
            })
            .sum();
        assert!(px <= width - 24.0, "{px} px in {width}: {line}");
        assert!(!line.starts_with(['，', '；', '。']), "{line}");
    }
    assert!(svg.contains("\"Noto Sans CJK SC\""), "a font with Chinese");
    // The steps drawn, in Chinese words.
    let steps = drawn(Lang::Zh, "45", &["--steps", "5-9", "--format", "svg"]);
    assert!(texts(&steps, "title").concat().contains("第 5–9 步"));
}

/// The txt ladder in Chinese: every row fits the width asked for, a
/// Chinese character taking two columns, and its lines stay in their
/// columns; an ASCII ladder says its words in English.
#[test]
fn a_chinese_ladder_keeps_its_columns() {
    for width in ["80", "120"] {
        let english = drawn(Lang::En, "42", &["--format", "txt", "--width", width]);
        let ladder = drawn(Lang::Zh, "42", &["--format", "txt", "--width", width]);
        let later = words(Lang::Zh, "diagram-gap-later");
        assert!(ladder.contains(&format!("~ {later}")), "{ladder}");
        assert_eq!(ladder.lines().count(), english.lines().count());
        for (row, english_row) in ladder.lines().zip(english.lines()) {
            assert!(row.width() <= width.parse().unwrap(), "{row}");
            // The ends' lines are where the English ladder has them.
            let lines = |text: &str| -> Vec<usize> {
                let mut at = 0;
                let mut found = Vec::new();
                for c in text.chars() {
                    if "│┊".contains(c) {
                        found.push(at);
                    }
                    at += c.to_string().width();
                }
                found
            };
            assert_eq!(lines(row), lines(english_row), "{row}");
        }
        let ascii = drawn(Lang::Zh, "42", &["--format", "txt", "--ascii"]);
        assert!(ascii.is_ascii() && ascii.contains("~ later"), "{ascii}");
    }
}

#[test]
fn the_graph_says_its_axes_and_legend_in_the_language() {
    let english = drawn(Lang::En, "45", &["--graph"]);
    for lang in [Lang::Ru, Lang::Zh] {
        let graph = drawn(lang, "45", &["--graph"]);
        assert!(graph.contains(&format!(" lang=\"{}\"", lang.tag())));
        for id in [
            "diagram-graph-axis-order",
            "diagram-graph-axis-sequence",
            "diagram-graph-legend-data",
            "diagram-graph-legend-retransmission",
            "diagram-graph-legend-lost",
        ] {
            assert!(graph.contains(&words(lang, id)), "{lang}: {id}");
        }
        assert!(!graph.contains("data segments"), "{lang}");
        let marks = |svg: &str| svg.matches("<path class=\"seg").count();
        assert_eq!(marks(&graph), marks(&english));
    }
    // Russian counts agree with their number: 2 сегмента.
    let russian = drawn(Lang::Ru, "45", &["--graph"]);
    assert!(russian.contains(">2 сегмента с данными;"), "{russian}");
}

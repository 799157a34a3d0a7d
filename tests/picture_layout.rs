//! The pictures laid out as a browser draws them: every lesson's SVG (each
//! lesson in transcripts/ with segments, drawn as docs/lessons/ draws it)
//! opened in headless Chromium, which measures every text — each inside
//! the picture's viewBox, no two overlapping, none on a lost segment's
//! cross; and the HTML handout in a 1024-px window — the notes at a
//! readable width, nothing wider than the window, the title once, an A4
//! page rule. Chromium runs in a network namespace of its own, so nothing
//! leaves the machine; where it is missing the tests say so and pass
//! (.ci/run installs it).

mod common;

use common::*;

/// The page script: for each `div[data-picture]`, every text's box in the
/// SVG's own units (getBBox), checked against the viewBox, the other
/// texts and the crosses; one line per problem, in `pre#report`.
const MEASURE: &str = r#"
(function () {
  const out = [];
  const box = (el) => { const b = el.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const meet = (a, b) => a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w
    && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h;
  const said = (t) => JSON.stringify(t.text) + " at " + Math.round(t.box.x) + "," + Math.round(t.box.y);
  for (const div of document.querySelectorAll("div[data-picture]")) {
    const name = div.dataset.picture;
    const svg = div.querySelector("svg");
    const view = svg.viewBox.baseVal;
    const texts = [...svg.querySelectorAll("text")].map((t) => ({text: t.textContent, box: box(t)}));
    const crosses = [...svg.querySelectorAll(".cross")].map(box);
    out.push(name + ": measured " + texts.length);
    if (view.width === 0) out.push(name + ": no viewBox");
    for (const t of texts) {
      const b = t.box;
      if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.w > view.x + view.width + 0.5
          || b.y + b.h > view.y + view.height + 0.5) {
        out.push(name + ": outside the picture: " + said(t));
      }
      if (crosses.some((c) => meet(b, c))) out.push(name + ": on a cross: " + said(t));
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (meet(texts[i].box, texts[j].box)) {
          out.push(name + ": overlap: " + said(texts[i]) + " and " + said(texts[j]));
        }
      }
    }
  }
  const notes = document.querySelector("ol.notes");
  if (notes) {
    out.push("handout: notes " + Math.round(notes.getBoundingClientRect().width));
    out.push("handout: page " + document.documentElement.scrollWidth + " in " + window.innerWidth);
    const svg = document.querySelector("figure svg");
    out.push("handout: figure " + Math.round(svg.getBoundingClientRect().right));
  }
  const report = document.createElement("pre");
  report.id = "report";
  report.textContent = out.join("\n");
  document.body.appendChild(report);
})();
"#;

/// Chromium's name here, or None (and why, on stderr).
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!("skipped: no chromium here (.ci/run installs it)");
    }
    found
}

/// The page opened in headless Chromium `width` px wide, its script run:
/// the report's lines; None where no private network can be had.
fn measured(chromium: &str, page: &str, width: usize) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let output = std::process::Command::new("unshare")
        .args([
            "-rn",
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--window-size={width},900"))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    if log.contains("unshare failed") || log.contains("Operation not permitted") {
        eprintln!("skipped: no private network for chromium here: {log}");
        return None;
    }
    assert!(output.status.success(), "{log}");
    let dom = String::from_utf8_lossy(&output.stdout);
    let report = dom
        .split("<pre id=\"report\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or_else(|| panic!("no report: the page script did not run\n{log}"));
    Some(
        report
            .lines()
            .map(|l| l.replace("&amp;", "&").replace("&quot;", "\""))
            .collect(),
    )
}

/// Every lesson with segments on the wire, drawn as an SVG: (name, SVG).
fn lesson_pictures() -> Vec<(String, String)> {
    let mut paths: Vec<std::path::PathBuf> =
        std::fs::read_dir(format!("{}/transcripts", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                std::fs::read_to_string(p)
                    .unwrap()
                    .lines()
                    .any(|l| l.starts_with("  ") && l.contains(" → "))
            })
            .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let output = socklab()
                .arg("diagram")
                .arg(&path)
                .args(["--format", "svg"])
                .output()
                .unwrap();
            assert!(output.status.success(), "{path:?}: {output:?}");
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, String::from_utf8(output.stdout).unwrap())
        })
        .collect()
}

#[test]
fn no_text_of_a_lessons_picture_is_clipped_or_overlaps_another_or_a_cross() {
    let pictures = lesson_pictures();
    assert!(pictures.len() >= 20, "{}", pictures.len());
    for (name, svg) in &pictures {
        // The picture scales: a viewBox, no width in pixels.
        let root = svg.lines().next().unwrap();
        assert!(
            root.contains("viewBox=\"0 0 ") && root.contains("width=\"100%\""),
            "{name}: {root}"
        );
        assert!(!svg.contains("…\"...…") && !svg.contains("……"), "{name}");
    }
    let Some(chromium) = chromium() else {
        return;
    };
    let mut page = String::from("<!doctype html><html><body>\n");
    for (name, svg) in &pictures {
        page.push_str(&format!("<div data-picture=\"{name}\">{svg}</div>\n"));
    }
    page.push_str(&format!("<script>{MEASURE}</script></body></html>\n"));
    let Some(report) = measured(chromium, &page, 1280) else {
        return;
    };
    let measured: Vec<&String> = report
        .iter()
        .filter(|l| l.contains(": measured "))
        .collect();
    assert_eq!(measured.len(), pictures.len(), "{report:#?}");
    let problems: Vec<&String> = report
        .iter()
        .filter(|l| !l.contains(": measured "))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_handout_fits_a_1024_px_window_with_readable_notes_and_prints_on_a4() {
    let lesson = format!(
        "{}/transcripts/51-lab-zero-window.socklab",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = socklab()
        .args(["diagram", &lesson, "--format", "html"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("@page { size: A4 portrait;"), "{html}");
    // The title once where it shows: the page's heading, not in the picture.
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(
        !html.contains("class=\"title\""),
        "the picture has no title of its own"
    );
    let Some(chromium) = chromium() else {
        return;
    };
    // The handout as written, its policy (no scripts) lifted for the
    // measuring script alone.
    let page = html
        .lines()
        .filter(|l| !l.contains("Content-Security-Policy"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("</body>", &format!("<script>{MEASURE}</script></body>"));
    let Some(report) = measured(chromium, &page, 1024) else {
        return;
    };
    let number = |key: &str| -> Vec<f64> {
        let line = report
            .iter()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key}: {report:#?}"));
        line[key.len()..]
            .split(" in ")
            .map(|n| n.trim().parse().unwrap())
            .collect()
    };
    let notes = number("handout: notes ")[0];
    assert!(notes >= 400.0, "the notes are {notes} px wide");
    let page_width = number("handout: page ");
    assert!(
        page_width[0] <= page_width[1],
        "{page_width:?}: wider than the window"
    );
    assert!(number("handout: figure ")[0] <= 1024.0, "{report:#?}");
}

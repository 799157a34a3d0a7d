//! The HTML handout: the title once, the picture the page's width (its
//! calls numbered), and under it the lesson's narration and calls as
//! numbered notes at a readable width. It fits a 1024-px window and prints
//! on A4 portrait (the picture shrunk to one page if it is taller); no
//! scripts, nothing fetched.
//!
//! Owns: the page around the SVG (`svg`). Does not own the picture.

use super::Event;
use super::events;
use super::svg::{Titled, draw, fonts, xml_text};
use crate::transcript_format::Transcript;

/// The page's style after its font (see `style`): the picture as wide as
/// the page, the notes at most about 80 characters wide; on paper, A4
/// portrait with margins.
const STYLE: &str = "\
margin: 1.5em auto; padding: 0 1.5em; max-width: 1500px; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 0.5em; }
figure { margin: 0 0 1.5em; }
figure svg { display: block; width: 100%; height: auto; }
ol.notes { max-width: 46em; padding-left: 2.5em; }
ol.notes li.end { list-style: none; }
ol.notes p { margin: 0.4em 0 0.2em; }
ol.notes pre { margin: 0.2em 0 0.6em; color: #444; white-space: pre-wrap; overflow-wrap: anywhere; }
@page { size: A4 portrait; margin: 15mm 12mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  figure svg { max-height: 262mm; }
  figure { break-after: page; }
  ol.notes { max-width: none; }
}
";

/// The SVG with the transcript's narration and calls under it (see
/// `html_of`).
pub fn html(transcript: &Transcript, title: &str) -> String {
    html_of(&events(transcript), title)
}

/// The picture and the narration and calls under it, one HTML file for a
/// handout (no scripts, nothing fetched).
pub fn html_of(events: &[Event], title: &str) -> String {
    let lang = crate::i18n::current().tag();
    let font = fonts().sans;
    let shown = xml_text(title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{shown}</title>\n<style>\nbody {{ font-family: {font}; {STYLE}</style>\n\
         </head><body>\n<h1>{shown}</h1>\n<main>\n<figure>\n{}</figure>\n<ol class=\"notes\">\n{}</ol>\n</main>\n</body></html>\n",
        draw(events, title, Titled::Numbered),
        notes(events)
    )
}

/// A note per call, numbered as the picture numbers them: the narration
/// that came before it, then the call as typed.
fn notes(events: &[Event]) -> String {
    let mut notes = String::new();
    let mut narration: Vec<&str> = Vec::new();
    for event in events {
        match event {
            Event::Narration(line) => narration.push(line),
            Event::Call { text, .. } => {
                notes.push_str("<li>");
                if !narration.is_empty() {
                    notes.push_str("<p>");
                    notes.push_str(&xml_text(&narration.join(" ")));
                    notes.push_str("</p>");
                    narration.clear();
                }
                notes.push_str(&format!("<pre>&gt; {}</pre></li>\n", xml_text(text)));
            }
            _ => {}
        }
    }
    if !narration.is_empty() {
        // Narration after the last call: the lesson's closing words.
        notes.push_str(&format!(
            "<li class=\"end\"><p>{}</p></li>\n",
            xml_text(&narration.join(" "))
        ));
    }
    notes
}

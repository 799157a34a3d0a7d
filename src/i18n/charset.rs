//! The terminal's charset, and a writer that turns socklab's UTF-8 into
//! it. A terminal set up for GBK or KOI8-R shows UTF-8 as mojibake, so
//! everything written to it is transcoded (encoding_rs); a character the
//! charset lacks becomes a plain look-alike (`→` as `->` in KOI8-R), else
//! `?`. A UTF-8 terminal gets the bytes untouched.

use std::io::{self, Write};

use encoding_rs::{EncoderResult, Encoding, GBK, KOI8_R, WINDOWS_1251};

/// A charset socklab writes a terminal in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Charset {
    Utf8 = 0,
    /// GBK (also for GB2312 and GB18030 locales: what they share).
    Gbk = 1,
    Koi8R = 2,
    Cp1251 = 3,
}

impl Charset {
    /// A locale's codeset (`UTF-8`, `GBK`, `koi8r` …); UTF-8 for one
    /// socklab does not write.
    pub fn from_codeset(codeset: &str) -> Charset {
        let name: String = codeset
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "gbk" | "gb2312" | "gb18030" | "euccn" | "cp936" => Charset::Gbk,
            "koi8r" => Charset::Koi8R,
            "cp1251" | "windows1251" => Charset::Cp1251,
            _ => Charset::Utf8,
        }
    }

    fn encoding(self) -> Option<&'static Encoding> {
        match self {
            Charset::Utf8 => None,
            Charset::Gbk => Some(GBK),
            Charset::Koi8R => Some(KOI8_R),
            Charset::Cp1251 => Some(WINDOWS_1251),
        }
    }

    /// `text` in this charset.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let Some(encoding) = self.encoding() else {
            return text.as_bytes().to_vec();
        };
        let mut out = Vec::with_capacity(text.len());
        encode_into(encoding, text, &mut out);
        out
    }
}

/// Plain look-alikes for characters socklab's text uses that a charset
/// may lack.
fn look_alike(c: char) -> &'static str {
    match c {
        '→' => "->",
        '←' => "<-",
        '—' | '–' => "-",
        '“' | '”' | '«' | '»' => "\"",
        '‘' | '’' => "'",
        '…' => "...",
        '│' => "|",
        '✓' => "v",
        '✗' => "x",
        '·' => ".",
        '×' => "x",
        _ => "?",
    }
}

fn encode_into(encoding: &'static Encoding, text: &str, out: &mut Vec<u8>) {
    let mut encoder = encoding.new_encoder();
    let mut rest = text;
    let mut buffer = [0u8; 1024];
    loop {
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buffer, true);
        out.extend_from_slice(&buffer[..written]);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(c) => {
                let alike = look_alike(c);
                // A look-alike the charset has (ASCII always is).
                out.extend_from_slice(alike.as_bytes());
            }
        }
    }
}

/// A writer that hands `inner` its text in `charset`. Bytes that are not
/// UTF-8 pass as they are (they are already someone's raw data); a
/// character cut between two writes waits for its end.
pub struct Transcode<W: Write> {
    inner: W,
    charset: Charset,
    /// The start of a character the last write ended inside.
    pending: Vec<u8>,
}

impl<W: Write> Transcode<W> {
    pub fn new(inner: W, charset: Charset) -> Transcode<W> {
        Transcode {
            inner,
            charset,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Transcode<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(encoding) = self.charset.encoding() else {
            return self.inner.write(buf);
        };
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    encode_into(encoding, text, &mut out);
                    rest = &[];
                }
                Err(error) => {
                    let (good, bad) = rest.split_at(error.valid_up_to());
                    // infallible: valid_up_to bytes are UTF-8.
                    encode_into(encoding, std::str::from_utf8(good).unwrap_or(""), &mut out);
                    match error.error_len() {
                        Some(len) => {
                            out.extend_from_slice(&bad[..len]);
                            rest = &bad[len..];
                        }
                        None => {
                            self.pending = bad.to_vec();
                            rest = &[];
                        }
                    }
                }
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_russian_reach_the_terminal_in_its_charset() {
        assert_eq!(Charset::Gbk.encode("你好"), b"\xc4\xe3\xba\xc3");
        assert_eq!(Charset::Koi8R.encode("Да"), b"\xe4\xc1");
        assert_eq!(Charset::Utf8.encode("→"), "→".as_bytes());
        assert_eq!(Charset::Koi8R.encode("a → b"), b"a -> b");
        assert_eq!(Charset::Gbk.encode("a → b"), b"a \xa1\xfa b");
        assert_eq!(Charset::Koi8R.encode("你"), b"?");
    }

    #[test]
    fn a_character_cut_between_writes_is_whole_in_the_output() {
        let mut out = Transcode::new(Vec::new(), Charset::Gbk);
        let text = "状态 srv: CLOSE → LISTEN\n".as_bytes();
        for byte in text {
            out.write_all(std::slice::from_ref(byte)).unwrap();
        }
        assert_eq!(out.inner, Charset::Gbk.encode("状态 srv: CLOSE → LISTEN\n"));
        let mut raw = Transcode::new(Vec::new(), Charset::Koi8R);
        raw.write_all(b"\xff\xfeok").unwrap();
        assert_eq!(raw.inner, b"\xff\xfeok");
    }
}

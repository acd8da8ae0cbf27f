//! lavaan-style model text → [`RawModel`], and back ([`RawModel::to_syntax`]).
//!
//! ```text
//! CRM =~ CRM1 + CRM2 + CRM3     # Mode A composite
//! VAL <~ PERV1 + PERV2          # Mode B composite
//! SC  =~ SC1..SC6               # numbered range
//! BP  ~ CRM + SC + CRM:SC       # paths into BP; A:B, A*B or A.B is an interaction
//! ```
//!
//! One statement per line or separated by `;`; a statement ending in `+`
//! continues on the next line. `#` and `//` start comments. Names may be
//! quoted with backticks or double quotes.

// `Error` is the crate-wide error type; its size is not ours to change here.
#![allow(clippy::result_large_err)]

use super::validate::interaction_parts;
use super::*;
use crate::error::{BadRange, Error, ModelError, Near, Result, Wanted};
use std::collections::{HashMap, HashSet};

/// Longest range `X1..Xn` we expand; longer ones are almost surely typos.
const MAX_RANGE: u64 = 1000;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name { text: String, quoted: bool },
    Plus,
    Star,
    Colon,
    Op(String),
    Other(char),
    Semi,
    Newline,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
    col: usize,
}

impl Token {
    fn show(&self) -> String {
        match &self.tok {
            Tok::Name { text, .. } => text.clone(),
            Tok::Plus => "+".into(),
            Tok::Star => "*".into(),
            Tok::Colon => ":".into(),
            Tok::Op(s) => s.clone(),
            Tok::Other(c) => c.to_string(),
            Tok::Semi => ";".into(),
            Tok::Newline => "end of line".into(),
        }
    }
}

fn syntax_err(e: ModelError, line: usize) -> Error {
    Error::from(e).at_line(line)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn is_op_char(c: char) -> bool {
    matches!(c, '=' | '~' | '<' | '>' | '-' | '!' | '|' | '%' | '@' | '^' | '&' | '$' | '?' | '\\' | '/')
}

fn is_number(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || c == '.') && s.parse::<f64>().is_ok()
}

/// `I(X^2)` at the start of `chars` (R's quadratic term): the construct
/// name and the characters it takes.
fn square_term(chars: &[char]) -> Option<(String, usize)> {
    if chars.len() < 6 || chars[0] != 'I' || chars[1] != '(' {
        return None;
    }
    let close = chars.iter().position(|&c| c == ')')?;
    let inner: String = chars[2..close].iter().collect();
    let (name, power) = inner.split_once('^')?;
    let name = name.trim();
    (power.trim() == "2" && !name.is_empty() && name.chars().all(is_name_char)).then(|| (name.to_string(), close + 1))
}

fn tokenize(text: &str) -> Result<Vec<Token>> {
    let mut out = Vec::new();
    for (li, raw_line) in text.lines().enumerate() {
        let line = li + 1;
        let chars: Vec<char> = raw_line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let col = i + 1;
            let push = |out: &mut Vec<Token>, tok: Tok| out.push(Token { tok, line, col });
            if c.is_whitespace() {
                i += 1;
            } else if c == '#' || (c == '/' && chars.get(i + 1) == Some(&'/')) {
                break;
            } else if c == '`' || c == '"' {
                let Some(len) = chars[i + 1..].iter().position(|&d| d == c) else {
                    return Err(syntax_err(ModelError::UnterminatedQuote { col, quote: c }, line));
                };
                let name: String = chars[i + 1..i + 1 + len].iter().collect();
                if name.trim().is_empty() {
                    return Err(syntax_err(ModelError::EmptyQuote { col }, line));
                }
                push(&mut out, Tok::Name { text: name, quoted: true });
                i += len + 2;
            } else if let Some((name, len)) = (i == 0 || !is_name_char(chars[i - 1])).then(|| square_term(&chars[i..])).flatten() {
                // I(X^2) is the quadratic term X:X
                push(&mut out, Tok::Name { text: name.clone(), quoted: false });
                push(&mut out, Tok::Colon);
                push(&mut out, Tok::Name { text: name, quoted: false });
                i += len;
            } else if is_name_char(c) {
                let start = i;
                while i < chars.len() && is_name_char(chars[i]) {
                    i += 1;
                }
                push(&mut out, Tok::Name { text: chars[start..i].iter().collect(), quoted: false });
            } else if c == '+' {
                push(&mut out, Tok::Plus);
                i += 1;
            } else if c == '*' {
                push(&mut out, Tok::Star);
                i += 1;
            } else if c == ';' {
                push(&mut out, Tok::Semi);
                i += 1;
            } else if c == ':' && chars.get(i + 1) != Some(&'=') {
                push(&mut out, Tok::Colon);
                i += 1;
            } else if c == ':' || is_op_char(c) {
                let start = i;
                i += 1;
                while i < chars.len() && is_op_char(chars[i]) {
                    i += 1;
                }
                push(&mut out, Tok::Op(chars[start..i].iter().collect()));
            } else {
                push(&mut out, Tok::Other(c));
                i += 1;
            }
        }
        out.push(Token { tok: Tok::Newline, line, col: chars.len() + 1 });
    }
    Ok(out)
}

/// Split tokens into statements: at `;` and at line ends, except after `+`.
fn statements(tokens: Vec<Token>) -> Vec<Vec<Token>> {
    let mut stmts = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    for t in tokens {
        match t.tok {
            Tok::Semi => stmts.push(std::mem::take(&mut cur)),
            Tok::Newline => {
                if !matches!(cur.last(), Some(Token { tok: Tok::Plus, .. })) {
                    stmts.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(t),
        }
    }
    stmts.push(cur);
    stmts.retain(|s| !s.is_empty());
    stmts
}

/// One `+`-separated term: a name, or names joined by `*` / `:`.
struct Term {
    parts: Vec<(String, bool)>,
    seps: Vec<char>,
    line: usize,
    col: usize,
}

impl Term {
    fn written(&self) -> String {
        let mut s = self.parts[0].0.clone();
        for (sep, (p, _)) in self.seps.iter().zip(&self.parts[1..]) {
            s.push(*sep);
            s.push_str(p);
        }
        s
    }
}

fn unexpected(t: &Token, near: Near, wanted: Wanted) -> Error {
    let e = match &t.tok {
        Tok::Newline => ModelError::EndOfLine { col: t.col },
        tok => ModelError::Unexpected { token: t.show(), operator: matches!(tok, Tok::Op(_)), col: t.col, near, wanted },
    };
    syntax_err(e, t.line)
}

fn parse_terms(rhs: &[Token], op: &Token) -> Result<Vec<Term>> {
    if rhs.is_empty() {
        return Err(syntax_err(ModelError::EmptyRhs { op: op.show(), col: op.col }, op.line));
    }
    let mut terms = Vec::new();
    let mut i = 0;
    loop {
        // expect a name
        let t = &rhs[i];
        let Tok::Name { text, quoted } = &t.tok else {
            let near = if i == 0 { Near::After(op.show()) } else { Near::Nothing };
            return Err(unexpected(t, near, Wanted::Name));
        };
        let mut term = Term { parts: vec![(text.clone(), *quoted)], seps: Vec::new(), line: t.line, col: t.col };
        i += 1;
        while let Some(s) = rhs.get(i) {
            let sep = match s.tok {
                Tok::Star => '*',
                Tok::Colon => ':',
                _ => break,
            };
            match rhs.get(i + 1) {
                Some(Token { tok: Tok::Name { text, quoted }, .. }) => {
                    term.parts.push((text.clone(), *quoted));
                    term.seps.push(sep);
                    i += 2;
                }
                Some(other) => return Err(unexpected(other, Near::After(sep.to_string()), Wanted::Name)),
                None => {
                    let written = format!("{}{sep}", term.written());
                    return Err(syntax_err(ModelError::MissingNameAfterSeparator { written, col: term.col }, s.line));
                }
            }
        }
        let prev = term.written();
        terms.push(term);
        match rhs.get(i) {
            None => return Ok(terms),
            Some(Token { tok: Tok::Plus, .. }) => {
                i += 1;
                if i == rhs.len() {
                    let p = &rhs[i - 1];
                    return Err(syntax_err(ModelError::MissingNameAfterPlus { col: p.col }, p.line));
                }
            }
            Some(t @ Token { tok: Tok::Name { text, .. }, .. }) => {
                return Err(syntax_err(ModelError::MissingPlus { before: prev, after: text.clone(), col: t.col }, t.line))
            }
            Some(t) => return Err(unexpected(t, Near::After(prev), Wanted::Nothing)),
        }
    }
}

/// Expand `CRM1..CRM7` to `CRM1, …, CRM7`.
fn expand_range(name: &str, line: usize, col: usize) -> Result<Vec<String>> {
    let bad = |why: BadRange| syntax_err(ModelError::BadRange { range: name.to_string(), col, why }, line);
    let Some((a, b)) = name.split_once("..") else {
        return Ok(vec![name.to_string()]);
    };
    if a.is_empty() || b.is_empty() {
        return Err(bad(BadRange::MissingEnd));
    }
    let split = |s: &'_ str| -> Option<(String, String)> {
        let digits: String = s.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return None;
        }
        let stem: String = s.chars().take(s.chars().count() - digits.len()).collect();
        Some((stem, digits.chars().rev().collect()))
    };
    let (Some((sa, da)), Some((sb, db))) = (split(a), split(b)) else {
        return Err(bad(BadRange::NoNumber));
    };
    if sa != sb {
        return Err(bad(BadRange::DifferentStems { first: sa, second: sb }));
    }
    let (Ok(from), Ok(to)) = (da.parse::<u64>(), db.parse::<u64>()) else {
        return Err(bad(BadRange::TooLarge));
    };
    if from > to {
        return Err(bad(BadRange::Reversed { fixed: format!("{sa}{to}..{sa}{from}") }));
    }
    if to - from >= MAX_RANGE {
        return Err(bad(BadRange::TooMany { limit: MAX_RANGE }));
    }
    // Zero-padded ranges (Q01..Q12) keep their width.
    let width = if da.len() > 1 && da.starts_with('0') { da.len() } else { 0 };
    Ok((from..=to).map(|k| format!("{sa}{k:0width$}")).collect())
}

enum PendingTerm {
    Name(String, bool),
    Pair(String, String),
}

struct PendingPath {
    to: String,
    term: PendingTerm,
    written: String,
    line: usize,
    col: usize,
}

/// Parse lavaan-style model text into a [`RawModel`] (not yet validated).
///
/// `A ~ B + C` adds the paths B → A and C → A; `~` lines for the same target
/// accumulate. Interactions on the right of `~` (`A*B`, `A:B`, or `A.B` when
/// both A and B are constructs) are declared once in `interactions` (named
/// `A*B`, `dv: None`) and used as path sources. Every item records its line.
pub fn parse_syntax(text: &str) -> Result<RawModel> {
    let mut model = RawModel::default();
    let mut defined: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<PendingPath> = Vec::new();

    for stmt in statements(tokenize(text)?) {
        let Some(op_at) = stmt.iter().position(|t| matches!(t.tok, Tok::Op(_))) else {
            if let Some(t) = stmt.iter().find(|t| matches!(t.tok, Tok::Other(_))) {
                return Err(unexpected(t, Near::Nothing, Wanted::Nothing));
            }
            let t = &stmt[0];
            return Err(syntax_err(ModelError::NoOperator { name: t.show(), col: t.col }, t.line));
        };
        let (lhs, op, rhs) = (&stmt[..op_at], &stmt[op_at], &stmt[op_at + 1..]);
        let op_text = op.show();
        match op_text.as_str() {
            "=~" | "<~" | "~" => {}
            ":=" => {
                return Err(syntax_err(ModelError::DefinedParameter { col: op.col }, op.line))
            }
            _ => {
                return Err(syntax_err(ModelError::UnknownOperator { op: op_text.clone(), col: op.col }, op.line))
            }
        }
        // Left-hand side: exactly one name.
        let lhs_name = match lhs {
            [] => {
                return Err(syntax_err(ModelError::EmptyLhs { op: op_text.clone(), col: op.col }, op.line))
            }
            [Token { tok: Tok::Name { text, .. }, .. }] => text.clone(),
            [t, ..] if !matches!(t.tok, Tok::Name { .. }) => {
                return Err(unexpected(t, Near::Before(op_text.clone()), Wanted::ConstructName))
            }
            _ => {
                let t = &lhs[1];
                return Err(match t.tok {
                    Tok::Star | Tok::Colon => syntax_err(ModelError::InteractionLeftOf { op: op_text.clone(), col: lhs[0].col }, t.line),
                    Tok::Plus => syntax_err(ModelError::SeveralNames { op: op_text.clone(), col: t.col }, t.line),
                    Tok::Name { ref text, .. } => syntax_err(
                        ModelError::OneNameLeft { op: op_text.clone(), first: lhs[0].show(), second: text.clone(), col: t.col },
                        t.line,
                    ),
                    _ => unexpected(t, Near::Before(op_text.clone()), Wanted::Nothing),
                });
            }
        };
        let lhs_line = lhs[0].line;
        let terms = parse_terms(rhs, op)?;
        // '*' inside a quoted construct name would read as an interaction.
        let structural_names = std::iter::once((&lhs_name, lhs[0].col, lhs_line)).chain(
            terms
                .iter()
                .filter(|_| op_text == "~")
                .flat_map(|t| t.parts.iter().map(move |(n, _)| (n, t.col, t.line))),
        );
        for (name, col, line) in structural_names {
            if name.contains('*') {
                return Err(syntax_err(ModelError::StarInName { name: name.clone(), col }, line));
            }
        }

        if op_text == "~" {
            for term in terms {
                let written = term.written();
                let (first, first_quoted) = &term.parts[0];
                let numeric_first = !first_quoted && is_number(first);
                let pt = if term.parts.len() == 1 {
                    if numeric_first {
                        return Err(syntax_err(ModelError::NumberTerm { term: first.clone(), col: term.col }, term.line));
                    }
                    PendingTerm::Name(first.clone(), *first_quoted)
                } else if numeric_first && term.seps[0] == '*' {
                    return Err(syntax_err(ModelError::FixedCoefficient { term: written, col: term.col }, term.line));
                } else if term.parts.len() > 2 {
                    return Err(syntax_err(ModelError::ThreeWay { term: written, col: term.col }, term.line));
                } else {
                    PendingTerm::Pair(first.clone(), term.parts[1].0.clone())
                };
                pending.push(PendingPath { to: lhs_name.clone(), term: pt, written, line: term.line, col: term.col });
            }
        } else {
            let mode = if op_text == "=~" { Mode::A } else { Mode::B };
            let mut indicators = Vec::new();
            for term in terms {
                if term.parts.len() > 1 {
                    let written = term.written();
                    let e = if term.seps[0] == ':' {
                        ModelError::ColonInMeasurement { term: written, col: term.col, from: term.parts[0].0.clone(), to: term.parts[1].0.clone() }
                    } else {
                        ModelError::FixedLoading { term: written, col: term.col }
                    };
                    return Err(syntax_err(e, term.line));
                }
                let (name, quoted) = &term.parts[0];
                if *quoted {
                    indicators.push(name.clone());
                } else {
                    indicators.extend(expand_range(name, term.line, term.col)?);
                }
            }
            if let Some(&first) = defined.get(&lhs_name) {
                return Err(syntax_err(ModelError::DefinedTwiceAtLine { name: lhs_name.clone(), first_line: first }, lhs_line).at_construct(lhs_name));
            }
            defined.insert(lhs_name.clone(), lhs_line);
            model.constructs.push(RawConstruct { name: lhs_name, mode, indicators, line: Some(lhs_line) });
        }
    }

    // Resolve path sources now that every construct is known.
    let is_construct = |s: &str| defined.contains_key(s);
    let mut pairs: HashMap<(String, String), String> = HashMap::new();
    for p in pending {
        let pair = match p.term {
            PendingTerm::Name(name, quoted) => {
                let parts = if quoted { None } else { interaction_parts(&name, is_construct) };
                match parts {
                    Some(v) if v.len() == 2 && !name.contains(['*', ':']) => Some((v[0].to_string(), v[1].to_string())),
                    _ => {
                        model.paths.push(RawPath { from: name, to: p.to.clone(), line: Some(p.line) });
                        None
                    }
                }
            }
            PendingTerm::Pair(a, b) => {
                if !is_construct(&a) && is_construct(&b) {
                    return Err(syntax_err(ModelError::ParameterLabel { term: p.written, col: p.col, label: a }, p.line));
                }
                Some((a, b))
            }
        };
        if let Some((iv, moderator)) = pair {
            let key = if iv <= moderator { (iv.clone(), moderator.clone()) } else { (moderator.clone(), iv.clone()) };
            let name = pairs
                .entry(key)
                .or_insert_with(|| {
                    let name = interaction_name(&iv, &moderator);
                    model.interactions.push(RawInteraction { iv, moderator, dv: None, line: Some(p.line) });
                    name
                })
                .clone();
            model.paths.push(RawPath { from: name, to: p.to, line: Some(p.line) });
        }
    }
    Ok(model)
}

/// A name as it must be written in model text: bare if the parser would read
/// it back as the same single name, otherwise quoted.
fn quote(name: &str) -> String {
    let bare = !name.is_empty()
        && name.chars().all(is_name_char)
        && !name.contains("..")
        && !name.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if bare {
        name.to_string()
    } else if name.contains('`') {
        format!("\"{name}\"")
    } else {
        format!("`{name}`")
    }
}

impl RawModel {
    /// Canonical model text: measurement statements in construct order, then
    /// one `Y ~ X1 + X2 + A*B` statement per dependent, in order of first
    /// appearance. Interactions are written `A*B` where used; an interaction's
    /// `dv` becomes a path. Interactions that predict nothing (and have no
    /// `dv`) cannot be expressed and are left out; `validate` rejects them.
    ///
    /// `parse_syntax(&m.to_syntax())` gives back `m` up to line numbers and
    /// that normalisation (paths grouped by dependent, interactions declared
    /// in order of first use, without `dv`).
    pub fn to_syntax<'a>(&'a self) -> String {
        let mut out = String::new();
        for c in &self.constructs {
            let op = match c.mode {
                Mode::A => "=~",
                Mode::B => "<~",
            };
            let inds: Vec<String> = c.indicators.iter().map(|s| quote(s)).collect();
            out.push_str(&format!("{} {op} {}\n", quote(&c.name), inds.join(" + ")));
        }
        let constructs: HashSet<&str> = self.constructs.iter().map(|c| c.name.as_str()).collect();
        let is_construct = |s: &str| constructs.contains(s);
        let mut declared: HashMap<(&str, &str), String> = HashMap::new();
        for i in &self.interactions {
            let (a, b) = (i.iv.as_str(), i.moderator.as_str());
            let key = if a <= b { (a, b) } else { (b, a) };
            declared.entry(key).or_insert_with(|| i.name());
        }
        // Sources as text to write.
        let source = |from: &str| -> String {
            if is_construct(from) {
                return quote(from);
            }
            match interaction_parts(from, is_construct) {
                Some(v) if v.len() == 2 && v.iter().all(|s| !s.is_empty()) && (is_construct(v[0]) || !is_construct(v[1])) => {
                    let key = if v[0] <= v[1] { (v[0], v[1]) } else { (v[1], v[0]) };
                    let name = declared.get(&key).cloned().unwrap_or_else(|| interaction_name(v[0], v[1]));
                    let (a, b) = name.split_once('*').unwrap_or((v[0], v[1]));
                    format!("{}*{}", quote(a), quote(b))
                }
                _ => quote(from),
            }
        };
        let mut groups: Vec<(&'a str, Vec<String>)> = Vec::new();
        let mut add = |to: &'a str, from: String, only_if_missing: bool| {
            let at = match groups.iter().position(|(t, _)| *t == to) {
                Some(k) => k,
                None => {
                    groups.push((to, Vec::new()));
                    groups.len() - 1
                }
            };
            if !(only_if_missing && groups[at].1.contains(&from)) {
                groups[at].1.push(from);
            }
        };
        for p in &self.paths {
            add(p.to.as_str(), source(&p.from), false);
        }
        for i in &self.interactions {
            if let Some(dv) = &i.dv {
                add(dv.as_str(), source(&i.name()), true);
            }
        }
        for (to, froms) in groups {
            out.push_str(&format!("{} ~ {}\n", quote(to), froms.join(" + ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<String> {
        let mut v = Vec::new();
        for (stem, n) in [("CRM", 7), ("SC", 6), ("BP", 5)] {
            for i in 1..=n {
                v.push(format!("{stem}{i}"));
            }
        }
        v
    }

    fn strip(mut m: RawModel) -> RawModel {
        m.constructs.iter_mut().for_each(|c| c.line = None);
        m.paths.iter_mut().for_each(|p| p.line = None);
        m.interactions.iter_mut().for_each(|i| i.line = None);
        m
    }

    fn fails(text: &str, code: &str) -> Error {
        match parse_syntax(text) {
            Ok(m) => panic!("expected {code} for {text:?}, got {m:?}"),
            Err(e) => {
                assert_eq!(e.code(), code, "{text:?}: {e}");
                e
            }
        }
    }

    const SYNTH: &str = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\n\
                         SC =~ SC1..SC6\n\
                         BP =~ BP1..BP5\n\
                         BP ~ CRM + SC + CRM:SC\n";

    #[test]
    fn synthetic_example_parses_and_validates() {
        let m = parse_syntax(SYNTH).unwrap();
        assert_eq!(m.constructs.len(), 3);
        assert_eq!(m.constructs[1].indicators, ["SC1", "SC2", "SC3", "SC4", "SC5", "SC6"]);
        assert_eq!(m.interactions, [RawInteraction { iv: "CRM".into(), moderator: "SC".into(), dv: None, line: Some(4) }]);
        assert_eq!(m.paths[2], RawPath { from: "CRM*SC".into(), to: "BP".into(), line: Some(4) });
        let v = validate(&m, &cols()).unwrap();
        assert_eq!(v.constructs().len(), 3);
        assert_eq!(v.interactions(), &[Interaction { name: "CRM*SC".into(), iv: 0, moderator: 1 }]);
        assert_eq!(v.paths(), &[(0, 2), (1, 2), (3, 2)]);
    }

    #[test]
    fn spec_example_with_comments_and_modes() {
        let text = "CRM =~ CRM1 + CRM2 + CRM3     # Mode A composite\n\
                    VAL <~ PERV1 + PERV2          // Mode B\n\
                    \n   # only a comment\n\
                    BP  ~ CRM + SC + CRM:SC       # paths\n";
        let m = parse_syntax(text).unwrap();
        assert_eq!(m.constructs[0].mode, Mode::A);
        assert_eq!(m.constructs[1].mode, Mode::B);
        assert_eq!(m.constructs[1].line, Some(2));
        assert_eq!(m.paths.len(), 3);
        assert_eq!(m.paths[0].line, Some(5));
        assert_eq!(m.interactions[0].name(), "CRM*SC");
    }

    #[test]
    fn separators_continuation_and_accumulation() {
        let text = "A =~ a1 + a2; B =~ b1\nC =~ c1 +\n  # note\n  c2 +\n c3\nC ~ A\nC ~ B;";
        let m = parse_syntax(text).unwrap();
        assert_eq!(m.constructs.len(), 3);
        assert_eq!(m.constructs[1].line, Some(1));
        assert_eq!(m.constructs[2].indicators, ["c1", "c2", "c3"]);
        let paths: Vec<(&str, &str, Option<usize>)> =
            m.paths.iter().map(|p| (p.from.as_str(), p.to.as_str(), p.line)).collect();
        assert_eq!(paths, [("A", "C", Some(6)), ("B", "C", Some(7))]);
    }

    #[test]
    fn interaction_spellings() {
        for (term, iv, m) in [("A*B", "A", "B"), ("A:B", "A", "B"), ("A.B", "A", "B"), ("B * A", "B", "A")] {
            let text = format!("Y ~ A + B + {term}\nA =~ a1\nB =~ b1\nY =~ y1");
            let model = parse_syntax(&text).unwrap();
            assert_eq!(model.interactions.len(), 1, "{term}");
            assert_eq!((model.interactions[0].iv.as_str(), model.interactions[0].moderator.as_str()), (iv, m));
            assert_eq!(model.paths[2].from, format!("{iv}*{m}"));
        }
        // The same product twice is declared once and spelled the first way.
        let m = parse_syntax("A =~ a1\nB =~ b1\nY =~ y1\nZ =~ z1\nY ~ A:B\nZ ~ B*A + Y").unwrap();
        assert_eq!(m.interactions.len(), 1);
        assert_eq!(m.paths[1].from, "A*B");
        // A dotted name that is not two constructs is just a name.
        let m = parse_syntax("A =~ crm.1 + crm.2\nY =~ y1\nY ~ A + foo.bar").unwrap();
        assert_eq!(m.constructs[0].indicators, ["crm.1", "crm.2"]);
        assert_eq!(m.paths[1].from, "foo.bar");
        assert!(m.interactions.is_empty());
    }

    #[test]
    fn quoted_and_unicode_names() {
        let m = parse_syntax("`Brand Perf` =~ \"item one\" + `a..b` + Größe1\nZufriedenheit =~ z1\nZufriedenheit ~ `Brand Perf`").unwrap();
        assert_eq!(m.constructs[0].name, "Brand Perf");
        assert_eq!(m.constructs[0].indicators, ["item one", "a..b", "Größe1"]);
        assert_eq!(m.paths[0].from, "Brand Perf");
        let e = fails("A =~ `open", "model.syntax");
        assert!(e.message().contains("unterminated"));
    }

    #[test]
    fn ranges() {
        let m = parse_syntax("Q =~ Q08..Q11 + X_1..X_3").unwrap();
        assert_eq!(m.constructs[0].indicators, ["Q08", "Q09", "Q10", "Q11", "X_1", "X_2", "X_3"]);
        let e = fails("Q =~ CRM1..SC3", "model.bad_range");
        assert!(e.message().contains("same stem"), "{}", e.message());
        let e = fails("Q =~ Q5..Q2", "model.bad_range");
        assert!(e.message().contains("reversed"), "{}", e.message());
        fails("Q =~ Q1..", "model.bad_range");
        fails("Q =~ Qa..Qb", "model.bad_range");
        fails("Q =~ Q1..Q99999999999999999999999", "model.bad_range");
        fails("Q =~ Q1..Q5000", "model.bad_range");
        let e = fails("CRM =~ CRM1:CRM7", "model.unsupported");
        assert!(e.message().contains("CRM1..CRM7"), "{}", e.message());
    }

    #[test]
    fn operator_errors() {
        let e = fails("A =~ a1\nB =~ b1\nA =- b1", "model.unknown_operator");
        assert_eq!(e.location.line, Some(3));
        assert_eq!(e.to_string(), "line 3: unknown operator '=-' at column 3; use =~ (Mode A), <~ (Mode B) or ~ (paths)");
        let e = fails("A ~~ B", "model.unknown_operator");
        assert!(e.message().contains("'~~'"));
        let e = fails("A = a1 + a2", "model.unknown_operator");
        assert!(e.message().contains("'='"));
        let e = fails("A =~ a1\nind := a*b", "model.unsupported");
        assert!(e.message().contains("':='"));
        assert_eq!(e.location.line, Some(2));
        let e = fails("A CRM1 CRM2", "model.syntax");
        assert!(e.message().contains("expected an operator"), "{}", e.message());
    }

    #[test]
    fn structure_errors() {
        let e = fails("A =~ a1\nB =~ CRM1 CRM2", "model.missing_plus");
        assert_eq!(e.location.line, Some(2));
        assert!(e.message().contains("expected '+' between 'CRM1' and 'CRM2'"), "{}", e.message());

        let e = fails("A =~   # nothing", "model.empty_rhs");
        assert!(e.message().contains("nothing after '=~'"));
        let e = fails("\n =~ a1", "model.empty_lhs");
        assert_eq!(e.location.line, Some(2));

        let e = fails("A =~ a1 +", "model.syntax");
        assert!(e.message().contains("after '+'"));
        fails("A =~ a1 + ; B =~ b1", "model.syntax");
        fails("A =~ a1 + + a2", "model.syntax");
        fails("A =~ (a1)", "model.syntax");
        fails("A =~ a1 =~ a2", "model.syntax");
        fails("A + B ~ C", "model.syntax");
        fails("A B ~ C", "model.syntax");
        fails("+ ~ C", "model.syntax");
        fails("( =~ C", "model.syntax");
        let e = fails("A*B ~ C", "model.interaction_as_target");
        fails("`A*B` =~ a1", "model.syntax");
        fails("Y ~ `A*B`", "model.syntax");
        assert!(e.message().contains("Y ~ A*B"));

        let e = fails("A =~ a1\nB =~ b1\n\nA <~ a2 + a3", "model.duplicate_construct");
        assert_eq!(e.location.line, Some(4));
        assert!(e.message().contains("first at line 1"));
    }

    #[test]
    fn unsupported_lavaan_features() {
        let e = fails("A =~ a1\nY =~ y1\nY ~ 1", "model.unsupported");
        assert!(e.message().contains("intercepts"), "{}", e.message());
        let e = fails("A =~ a1\nY =~ y1\nY ~ 0.5*A", "model.unsupported");
        assert!(e.message().contains("fixed coefficients"), "{}", e.message());
        let e = fails("A =~ a1\nY =~ y1\nY ~ b1*A", "model.unsupported");
        assert!(e.message().contains("labels"), "{}", e.message());
        assert_eq!(e.location.line, Some(3));
        let e = fails("A =~ 0.7*a1 + a2", "model.unsupported");
        assert!(e.message().contains("fixed loadings"), "{}", e.message());
        let e = fails("A =~ a1\nB =~ b1\nC =~ c1\nY =~ y\nY ~ A*B*C", "model.unsupported");
        assert!(e.message().contains("two-way"), "{}", e.message());
    }

    #[test]
    fn round_trip_of_parsed_text() {
        let text = "`My C` =~ c1 + `odd name` + 2nd\nVAL <~ v1 + v2\nB =~ b1..b3\n\
                    B ~ `My C` + VAL + VAL:`My C`\nVAL ~ `My C`\n";
        let m = parse_syntax(text).unwrap();
        let again = parse_syntax(&m.to_syntax()).unwrap();
        assert_eq!(strip(again), strip(m.clone()));
        assert_eq!(parse_syntax(SYNTH).unwrap().to_syntax(),
            "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\n\
             BP =~ BP1 + BP2 + BP3 + BP4 + BP5\nBP ~ CRM + SC + CRM*SC\n");
    }

    #[test]
    fn round_trip_normalises_dv_and_implicit_interactions() {
        let c = |n: &str, i: &str| RawConstruct { name: n.into(), mode: Mode::A, indicators: vec![i.into()], line: None };
        let p = |f: &str, t: &str| RawPath { from: f.into(), to: t.into(), line: None };
        let it = |a: &str, b: &str, dv: Option<&str>| RawInteraction {
            iv: a.into(),
            moderator: b.into(),
            dv: dv.map(Into::into),
            line: Some(9),
        };
        let m = RawModel {
            constructs: vec![c("A", "a1"), c("B", "b1"), c("Y", "y1"), c("Z", "z1")],
            // interleaved targets, implicit A:Z, reversed spelling of declared A*B
            paths: vec![p("A", "Y"), p("A", "Z"), p("B", "Y"), p("A:Z", "Y"), p("B*A", "Z")],
            interactions: vec![it("A", "B", Some("Y"))],
        };
        let text = m.to_syntax();
        assert_eq!(text, "A =~ a1\nB =~ b1\nY =~ y1\nZ =~ z1\nY ~ A + B + A*Z + A*B\nZ ~ A + A*B\n");
        let back = strip(parse_syntax(&text).unwrap());
        let expected = RawModel {
            constructs: m.constructs.clone(),
            paths: vec![p("A", "Y"), p("B", "Y"), p("A*Z", "Y"), p("A*B", "Y"), p("A", "Z"), p("A*B", "Z")],
            interactions: vec![it("A", "Z", None), it("A", "B", None)],
        };
        assert_eq!(back, strip(expected));
        // Both forms validate to the same structure (up to node order).
        let cols: Vec<String> = ["a1", "b1", "y1", "z1"].iter().map(|s| s.to_string()).collect();
        let (v1, v2) = (validate(&m, &cols).unwrap(), validate(&back, &cols).unwrap());
        let edges = |v: &ValidModel| {
            let mut e: Vec<(String, String)> =
                v.paths().iter().map(|&(f, t)| (v.node_name(f).to_string(), v.node_name(t).to_string())).collect();
            e.sort();
            e
        };
        assert_eq!(edges(&v1), edges(&v2));
        // And the canonical text is a fixed point.
        assert_eq!(back.to_syntax(), text);
    }

    #[test]
    fn reference_models_round_trip() {
        for case in ["synthetic_crm_sc_bp", "ecsi_basic"] {
            let json = std::fs::read_to_string(format!("{}/tests/reference/{case}/model.json", env!("CARGO_MANIFEST_DIR")))
                .expect("reference data beside the checkout");
            let m: RawModel = serde_json::from_str(&json).unwrap();
            let back = parse_syntax(&m.to_syntax()).unwrap();
            let header = std::fs::read_to_string(format!("{}/tests/reference/{case}/data.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let cols: Vec<String> = header.lines().next().unwrap().split(',').map(|s| s.trim().to_string()).collect();
            // Same model; only the path order differs (grouped by dependent).
            let (v1, v2) = (validate(&back, &cols).unwrap(), validate(&m, &cols).unwrap());
            assert_eq!(v1.constructs(), v2.constructs(), "{case}");
            assert_eq!(v1.interactions(), v2.interactions(), "{case}");
            let sorted = |v: &ValidModel| {
                let mut p = v.paths().to_vec();
                p.sort();
                p
            };
            assert_eq!(sorted(&v1), sorted(&v2), "{case}");
        }
    }

    /// Tiny deterministic generator; no extra crates.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn fuzz_never_panics() {
        let pieces = [
            "A", "B", "CRM1", "..", ".", "=~", "<~", "~", "~~", ":=", "=", "+", "*", ":", ";", "\n", " ", "#", "//",
            "`", "\"", "1", "0.5", "é", "ß", "(", ")", "Q9..Q1", "SC1..SC3", "\t", "-", "<", "~1", "漢", "\u{0301}",
        ];
        let seeds = [SYNTH, "A =~ a1 + a2\nB <~ b1 + b2\nB ~ A + A:B\n", "`x y` =~ \"p q\"; Y =~ y1; Y ~ `x y`"];
        let mut rng = Lcg(0x5eed);
        for round in 0..4000 {
            let text: String = if round % 2 == 0 {
                let n = rng.below(20);
                (0..n).map(|_| pieces[rng.below(pieces.len())]).collect()
            } else {
                let mut chars: Vec<char> = seeds[rng.below(seeds.len())].chars().collect();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(chars.len() + 1);
                    match rng.below(3) {
                        0 if at < chars.len() => {
                            chars.remove(at);
                        }
                        1 => {
                            let piece = pieces[rng.below(pieces.len())];
                            for (k, ch) in piece.chars().enumerate() {
                                chars.insert(at + k, ch);
                            }
                        }
                        _ if at < chars.len() => {
                            let j = rng.below(chars.len());
                            chars.swap(at, j);
                        }
                        _ => {}
                    }
                }
                chars.into_iter().collect()
            };
            if let Ok(m) = parse_syntax(&text) {
                // Whatever parses must survive the round trip too.
                let again = parse_syntax(&m.to_syntax());
                assert!(again.is_ok(), "{text:?} -> {:?}: {again:?}", m.to_syntax());
                let _ = validate(&m, &cols());
            }
        }
    }
}

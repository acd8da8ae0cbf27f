//! English words for every error, resample failure and warning.

use super::{and_list, quoted};
use crate::error::*;

pub(super) const PLACE: [&str; 4] = ["line", "row", "column", "construct"];

pub(super) fn error(k: &ErrorKind) -> String {
    match k {
        ErrorKind::File(e) => file(e),
        ErrorKind::Data(e) => data(e),
        ErrorKind::Model(e) => model(e),
        ErrorKind::Estimation(p) => estimation(p),
        ErrorKind::Settings(e) => settings(e),
        ErrorKind::Worker(e) => worker(e),
        ErrorKind::Cancelled => "the analysis was cancelled".into(),
        ErrorKind::Groups(e) => groups(e),
    }
}

fn groups(e: &GroupError) -> String {
    match e {
        GroupError::BadSpec { text } => {
            format!("'{text}' is not a grouping: give a column (groups by its values) or a split such as CUEX1<8")
        }
        GroupError::SplitOfText { column } => {
            format!("column '{column}' holds text, so it cannot be split at a value; group by its values instead (--groups {column})")
        }
        GroupError::TooFewGroups { column, found } => {
            format!("column '{column}' forms {found} group(s); a multigroup analysis needs at least two")
        }
        GroupError::TooManyGroups { column, found, limit, median } => match median {
            Some(m) => format!("column '{column}' has {found} different values, more than {limit} groups; split it at a value instead, e.g. at its median: {column}<{m}"),
            None => format!("column '{column}' has {found} different values, more than {limit} groups; group by a column with fewer values"),
        },
        GroupError::GroupTooSmall { column, label, n, minimum } => format!(
            "group '{label}' of column '{column}' has {n} rows; the model needs at least {minimum} per group (ten times the most arrows into a construct); merge groups or split at another value"
        ),
        GroupError::BadPermutation { line, rows } => {
            format!("line {line} of the permutation file is not a permutation of the rows 1 to {rows}")
        }
        GroupError::ReplayNeedsTwoGroups { column, found } => format!(
            "recorded permutations are of two groups' rows, but column '{column}' forms {found} groups; split it at a value (e.g. {column}<4) or run seeded permutations"
        ),
        GroupError::IpmaTarget { name, constructs } => {
            format!("'{name}' is not a construct of the model; the importance-performance map needs a target among: {}", constructs.join(", "))
        }
        GroupError::IpmaNoPredecessors { name } => {
            format!("construct '{name}' has no predecessors, so it has no importance-performance map; choose a dependent construct")
        }
        GroupError::IpmaScale { text } => format!("'{text}' is not a scale: give the minimum and maximum, e.g. 1,5"),
        GroupError::HigherOrderTwoStage { ipma } => format!(
            "{} cannot yet be run with higher-order constructs estimated in two stages (their indicators are first-stage scores, not columns of the data); estimate them by repeated indicators (--hoc repeated)",
            if *ipma { "the importance-performance map" } else { "a multigroup analysis" }
        ),
    }
}

fn delimiter(d: u8) -> String {
    match d {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    }
}

fn file(e: &FileError) -> String {
    use FileError::*;
    match e {
        Empty => "the file is empty; choose a file with a header row and data rows".into(),
        EmptySheet { sheet } => format!("the sheet '{sheet}' is empty; choose the sheet with the data"),
        BadDelimiter { delimiter } => format!("{delimiter:?} cannot be used as a delimiter; use ',', ';' or tab"),
        DecimalCommaWithComma => "decimal commas cannot be read when ',' is also the delimiter (3,5 could be one cell or two); \
             save the file with ';' or tab as the delimiter, or with decimal points"
            .into(),
        DuplicateColumn { name, first, second } => format!("the column name '{name}' is used twice (columns {first} and {second}); rename one of them"),
        Ragged { expected, found, delimiter: d, decimal_commas } => {
            let d = delimiter(*d);
            let hint = if *decimal_commas {
                "; if the numbers are written with decimal commas (like 3,5), save the file with ';' or tab as the delimiter"
            } else {
                ""
            };
            format!(
                "expected {expected} fields (as in the header row) but found {found}; \
                 check this row for a missing or extra {d}, or a cell containing {d} that should be in quotes{hint}"
            )
        }
        NoRows => "the file has a header row but no data rows; each respondent should be one row below the header".into(),
        NoRowsInSheet { sheet } => {
            format!("the sheet '{sheet}' has a header row but no data rows; each respondent should be one row below the header")
        }
        EmptyColumnName { letter, number, first_row } => format!(
            "column {letter} (column number {number}) has no name in the header row but holds data (first in row {first_row}); give it a name"
        ),
        EmptyColumnNameInSheet { letter, first_row } => format!(
            "column {letter} has no name in the header row (merged or empty cell?) but holds data (first in row {first_row}); give it a name"
        ),
        Binary => "this does not look like a text CSV file (it contains binary data); \
             export the data as CSV (comma, semicolon or tab separated) or as an .xlsx workbook"
            .into(),
        NotANumber { text } => format!("'{text}' is not a number; fix the cell or add it as a missing-value code"),
        DecimalPointInCommaFile { text, fixed } => format!(
            "'{text}' has a decimal point, but this file uses decimal commas; write it as {fixed} (or read the file with decimal commas switched off)"
        ),
        DecimalCommaInCommaFile { text } => format!(
            "'{text}' is not a number: it has a decimal comma, which cannot be told apart from the delimiter ','; save the file with ';' as the delimiter, or with decimal points"
        ),
        Boolean { value } => format!("{} is a true/false value, not a number; code it as 1/0", if *value { "TRUE" } else { "FALSE" }),
        DateTime { text } => format!("'{text}' is a date or time, not a number; format the column as a number"),
        SpreadsheetError { error } => format!("the cell holds the spreadsheet error {error}; fix the formula or clear the cell"),
        ThousandsDot { text } => {
            format!("'{text}' seems to use '.' as a thousands separator; remove the separators (write 1234,5 instead of 1.234,5)")
        }
        ThousandsComma { text } => {
            format!("'{text}' seems to use ',' as a thousands separator; remove the separators (write 1234.5 instead of 1,234.5)")
        }
        AmbiguousComma { text } => format!(
            "'{text}' is ambiguous: ',' may be a thousands separator or a decimal comma; remove thousands separators, or save the file with ';' as the delimiter if ',' is the decimal mark"
        ),
        NotFinite { text } => {
            format!("'{text}' is not a finite number; replace it with a number, or leave the cell empty if the value is missing")
        }
        XlsxInvalid { reason } => {
            format!("this file could not be read as an .xlsx workbook ({reason}); save it again from the spreadsheet program as .xlsx or CSV")
        }
        SheetInvalid { sheet, reason } => format!("the sheet '{sheet}' could not be read ({reason}); save the workbook again as .xlsx or CSV"),
        CellBeyondLimit { sheet } => format!(
            "the sheet '{sheet}' has a cell beyond XFD1048576, the last cell a sheet can have; save the workbook again as .xlsx or CSV"
        ),
        NoSuchSheet { sheet, available } => {
            format!("the workbook has no sheet named '{sheet}'; its sheets are: {}", quoted(available, "(none)"))
        }
        NoSheets => "the workbook has no sheets".into(),
        OldExcel => "this is an old Excel 97-2003 (.xls) workbook, which cannot be read; save it as .xlsx or CSV".into(),
        TooLarge { bytes, limit } => format!(
            "the file is {:.1} MB, more than the limit of {} MB; keep only the columns and rows the model needs",
            *bytes as f64 / (1024.0 * 1024.0),
            limit / (1024 * 1024)
        ),
        SheetTooLarge { sheet, max_cells } => {
            format!("the sheet '{sheet}' has more than {max_cells} cells; keep only the columns and rows the model needs")
        }
        Io { path, reason } => format!("cannot read {path}: {reason}"),
        Unreadable { name, reason } => format!("{name} could not be read: {reason}"),
        ResultNotUtf8 => "the result file is not UTF-8 text".into(),
        ResultInvalid { reason } => format!("this is not a plsweb result file: {reason}"),
        ExampleUnavailable { reason } => format!("the example could not be loaded: {reason}"),
        ReplayBadIndex { text } => format!("'{text}' is not a 1-based row number"),
        ReplayOutOfRange { row, n } => format!("row number {row} is beyond the data's {n} cases (1..{n})"),
    }
}

fn data(e: &DataError) -> String {
    match e {
        DataError::UnknownColumn { name, available } => format!(
            "there is no column named '{name}' in the data (column names are case-sensitive); available: {}",
            available.join(", ")
        ),
        DataError::NoColumns => "no data columns were given to check for missing values".into(),
        DataError::AllMissing { column, cells } => {
            format!("column '{column}' has no values at all (all {cells} cells are missing); remove it from the model or fix the data")
        }
        DataError::NoRowsLeft { rows } => format!(
            "every one of the {rows} rows has at least one missing value in the model's columns, so casewise deletion leaves no data; use mean replacement or fix the data"
        ),
        DataError::TooFewRows { rows } => format!(
            "only {rows} complete rows: PLS-SEM needs at least 3 (better many more); add respondents; if rows were dropped for missing values, use mean replacement"
        ),
        DataError::NothingToPropose => "no constructs could be proposed: constructs are proposed from column names that share a stem and end in a number (CRM1, CRM2, …); write the model yourself".into(),
    }
}

/// "; did you mean A, B or C?", or empty.
fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", and_list(s, "or"))
    }
}

/// Syntax errors end with what to do.
fn syntax(s: String) -> String {
    s + "; check the spelling of this statement"
}

fn unexpected(token: &str, operator: bool, col: usize, near: &Near, wanted: Wanted) -> String {
    let near = match near {
        Near::Nothing => String::new(),
        Near::After(s) => format!(" after '{s}'"),
        Near::Before(s) => format!(" before '{s}'"),
    };
    let wanted = match wanted {
        Wanted::Nothing => "",
        Wanted::Name => "; expected a name",
        Wanted::ConstructName => "; expected a construct name",
    };
    let what = if operator { "unexpected operator" } else { "unexpected" };
    format!("{what} '{token}' at column {col}{near}{wanted}")
}

fn bad_range(range: &str, col: usize, why: &BadRange) -> String {
    let why = match why {
        BadRange::MissingEnd => "write both ends, e.g. CRM1..CRM7".to_string(),
        BadRange::NoNumber => "both ends must end in a number, e.g. CRM1..CRM7".to_string(),
        BadRange::DifferentStems { first, second } => format!("both ends must have the same stem ('{first}' vs '{second}')"),
        BadRange::TooLarge => "the numbers are too large".to_string(),
        BadRange::Reversed { fixed } => format!("the range is reversed; write {fixed}"),
        BadRange::TooMany { limit } => format!("more than {limit} indicators"),
    };
    format!("range '{range}' at column {col}: {why}")
}

fn model(e: &ModelError) -> String {
    use ModelError::*;
    match e {
        UnterminatedQuote { col, quote } => syntax(format!("unterminated quoted name starting at column {col}; close it with {quote}")),
        EmptyQuote { col } => syntax(format!("empty quoted name at column {col}")),
        Unexpected { token, operator, col, near, wanted } => syntax(unexpected(token, *operator, *col, near, *wanted)),
        EndOfLine { col } => syntax(format!("unexpected end of line at column {col}; expected a name")),
        MissingNameAfterSeparator { written, col } => {
            let sep = written.chars().last().unwrap_or('*');
            syntax(format!("'{written}' at column {col} is missing a name after '{sep}'"))
        }
        MissingNameAfterPlus { col } => syntax(format!("expected a name after '+' at column {col}")),
        NoOperator { name, col } => {
            syntax(format!("expected an operator after '{name}' (column {col}); use =~ (Mode A), <~ (Mode B) or ~ (paths)"))
        }
        SeveralNames { op, col } => syntax(format!("several names before '{op}' (column {col}); write one statement per construct")),
        OneNameLeft { op, first, second, col } => syntax(format!(
            "expected '{op}' between '{first}' and '{second}' (column {col}); only one name may stand left of '{op}'"
        )),
        StarInName { name, col } => {
            syntax(format!("construct name '{name}' at column {col} contains '*', which is reserved for interactions"))
        }
        EmptyRhs { op, col } => format!("nothing after '{op}' at column {col}; expected names joined by '+'"),
        MissingPlus { before, after, col } => format!("expected '+' between '{before}' and '{after}' (column {col})"),
        BadRange { range, col, why } => bad_range(range, *col, why),
        DefinedParameter { col } => {
            format!("defined parameters (':=' at column {col}) are not supported; indirect effects are reported automatically")
        }
        NumberTerm { term, col } => {
            format!("'{term}' at column {col} is a number; intercepts (`~ 1`) and fixed values are not supported")
        }
        FixedCoefficient { term, col } => format!("'{term}' at column {col}: fixed coefficients (number*X) are not supported"),
        ThreeWay { term, col } => format!("'{term}' at column {col}: only two-way interactions (A*B) are supported"),
        ColonInMeasurement { term, col, from, to } => {
            format!("'{term}' at column {col}: ':' means an interaction; for a range of indicators write {from}..{to}")
        }
        FixedLoading { term, col } => {
            format!("'{term}' at column {col}: fixed loadings and labels (x*NAME) are not supported; list indicator names only")
        }
        ParameterLabel { term, col, label } => {
            format!("'{term}' at column {col}: '{label}' is not a construct; parameter labels (label*X) are not supported")
        }
        UnknownOperator { op, col } => format!("unknown operator '{op}' at column {col}; use =~ (Mode A), <~ (Mode B) or ~ (paths)"),
        EmptyLhs { op, col } => format!("nothing before '{op}' at column {col}; expected a construct name"),
        InteractionLeftOf { op, col } => {
            format!("an interaction cannot stand left of '{op}' (column {col}); interactions only predict: write `Y ~ A*B`")
        }
        InteractionAsDependent { name } => {
            format!("the interaction '{name}' cannot be a dependent; interactions only predict (write `Y ~ {name}`)")
        }
        DefinedTwiceAtLine { name, first_line } => {
            format!("construct '{name}' is defined twice (first at line {first_line}); list all its indicators in one statement")
        }
        DefinedTwice { name, first_line, first_number } => {
            let at = match first_line {
                Some(l) => format!("line {l}"),
                None => format!("construct number {first_number}"),
            };
            format!("construct '{name}' is defined twice (first at {at}); construct names must be unique")
        }
        Unnamed { number } => format!("construct number {number} has no name"),
        StarInConstructName { name } => {
            format!("construct name '{name}' contains '*', which is reserved for interactions; rename the construct")
        }
        UnknownConstruct { role, name, suggestions } => {
            let role = match role {
                Role::PathSource => "path source",
                Role::PathTarget => "path target",
            };
            let rest = if suggestions.is_empty() { "; define it with =~ or <~, or fix the spelling".to_string() } else { did_you_mean(suggestions) };
            format!("{role} '{name}' is not a construct of the model{rest}")
        }
        ThreeWayInteraction { written } => format!("'{written}': only two-way interactions (A*B) are supported"),
        InteractionUndefined { written, part, suggestions } => {
            let what = if part.is_empty() { "(empty)".to_string() } else { format!("'{part}'") };
            let rest = if suggestions.is_empty() {
                "; define both constructs with =~ or <~, or fix the spelling".to_string()
            } else {
                did_you_mean(suggestions)
            };
            format!("interaction '{written}': {what} is not a construct of the model{rest}")
        }
        Empty => "the model has no constructs; define one, e.g. `CRM =~ CRM1 + CRM2 + CRM3`".into(),
        NoIndicators { name } => format!("construct '{name}' has no indicators; list its columns, e.g. `{name} =~ {name}1 + {name}2`"),
        UnknownColumn { indicator, construct, suggestions, available, more } => {
            let hint = if suggestions.is_empty() && available.is_empty() {
                " (the data has no numeric column: a spreadsheet's first sheet of notes? choose the data's sheet with --sheet or in the sheet menu)".to_string()
            } else if suggestions.is_empty() {
                format!(" (the data has: {}{})", available.join(", "), if *more { ", …" } else { "" })
            } else {
                did_you_mean(suggestions)
            };
            format!("indicator '{indicator}' of construct '{construct}' is not a column of the data{hint}")
        }
        ListedTwice { indicator, construct } => format!("indicator '{indicator}' is listed twice in construct '{construct}'"),
        IndicatorReused { indicator, first, second } => {
            format!("indicator '{indicator}' is used by both '{first}' and '{second}'; each column can measure only one construct")
        }
        ModeBSingleItem { name } => {
            format!("construct '{name}': a Mode B construct needs at least two indicators; use =~ for a single item")
        }
        DuplicateInteraction { written, same_as } => {
            let same = same_as.as_ref().map(|f| format!(" (the same product as {f})")).unwrap_or_default();
            format!("interaction '{written}' is declared twice{same}; remove it")
        }
        SelfLoop { name } => format!("path {name} → {name}: a construct cannot predict itself; remove it"),
        DuplicatePath { from, to } => format!("the path {from} → {to} is written twice; remove it"),
        NoPaths => "the model has no structural paths; add at least one, e.g. `Y ~ X`".into(),
        InteractionUnused { name, dv } => format!("the interaction {name} has no dependent construct; add `{dv} ~ {name}`"),
        Cycle { nodes } => format!(
            "the structural model has a cycle: {}; a PLS path model must be recursive, remove one of these paths",
            nodes.join(" → ")
        ),
        Isolated { name } => format!("construct '{name}' is not connected to any path; add a path (e.g. `Y ~ {name}`) or remove it"),
        Json { reason } => format!("the model JSON is not valid: {reason}"),
        Hoc(p) => hoc_problem(p),
    }
}

/// A full-sample estimate that cannot be computed.
fn estimation(p: &EstimationProblem) -> String {
    use EstimationProblem::*;
    match p {
        ConstantIndicator { item } => {
            format!("indicator {item} has the same value for every respondent (zero variance); remove it from the model")
        }
        OrthogonalSingular { construct } => format!(
            "the indicators of {construct} are collinear, so the orthogonalized interaction cannot be built; drop a redundant indicator or use the two-stage approach"
        ),
        ModeBSingular { construct } => format!(
            "the indicators of the Mode B construct {construct} are (nearly) perfectly collinear, so its regression weights cannot be computed; drop a redundant indicator or use Mode A (=~)"
        ),
        CollinearPredictors { construct } => format!("the predictors of {construct} are perfectly collinear; remove one of its paths"),
        ZeroVariance { construct } => {
            format!("the scores of {construct} have zero variance; check its indicators (constant, or cancelling each other out)")
        }
    }
}

/// Why a resample was left out (the keys of the result's `failures`).
pub(super) fn resample(f: &ResampleFailure) -> String {
    use EstimationProblem::*;
    match f {
        ResampleFailure::Estimation(p) => match p {
            ConstantIndicator { item } => format!("indicator {item} is constant in the resample"),
            OrthogonalSingular { construct } => format!("orthogonalizing {construct} is singular"),
            ModeBSingular { construct } => format!("Mode B block {construct} is singular"),
            CollinearPredictors { construct } => format!("predictors of {construct} are collinear"),
            ZeroVariance { construct } => format!("{construct} has zero variance"),
        },
        ResampleFailure::NotConverged => "the PLS algorithm did not converge".into(),
        ResampleFailure::AllMissing => "an indicator is missing in every resampled row".into(),
        ResampleFailure::TooFewRows => "too few complete rows in the resample".into(),
        ResampleFailure::Infinite => "a statistic is infinite".into(),
        ResampleFailure::ReplayOutOfRange => "replayed row index out of range".into(),
    }
}

fn settings(e: &SettingsError) -> String {
    match e {
        SettingsError::Tolerance => "the stop criterion must be a positive number",
        SettingsError::MaxIterations => "the maximum number of iterations must be at least 1",
        SettingsError::Alpha => "the significance level must lie between 0 and 1 (one-tailed: below 0.5, as its interval is the 1 − 2α one)",
        SettingsError::Bootstrap => "a bootstrap needs at least 2 resamples (or 0 for none)",
        SettingsError::Blindfold => "the omission distance must be at least 2 (or 0 to skip Q²)",
        SettingsError::PredictFolds { folds, n } => return format!("PLSpredict needs at least 2 folds and at most one per case ({folds} folds, n = {n}; 0 to skip it)"),
        SettingsError::PredictOrder { line, n } => return format!("row order {line} of the PLSpredict order file is not an order of the {n} cases (each row number 1..{n} once)"),
        SettingsError::PredictRepetitions => "PLSpredict needs at least 1 repetition (an order file: at least one row order)",
        SettingsError::PredictOrderRepetitions { lines, repetitions } => return format!("the PLSpredict order file has {lines} row orders but {repetitions} repetitions were asked for; each order is one repetition (leave out --predict-repetitions)"),
        SettingsError::OptionUnused { option, needs } => return format!("{option} has no effect without {needs}"),
        SettingsError::ModeratorLevel { level } => return format!("a moderator level must be a finite number of standard deviations, e.g. -2 or 1.5 (got {level})"),
        SettingsError::PredictConsistent => "PLSpredict predicts from composites and cannot be run with consistent PLS (PLSc)",
        SettingsError::PredictHigherOrder => "PLSpredict cannot yet be run with higher-order constructs: in two stages the holdout cases would need the first stage's scores, and with repeated indicators a dimension's items are also its higher-order construct's, so a holdout case's own answers would predict them; turn PLSpredict off",
        SettingsError::CvpatWithoutPredict => "CVPAT compares PLSpredict's out-of-sample errors: turn PLSpredict on (folds ≥ 2)",
        SettingsError::PowerSampleSize { n, minimum } => return format!("the sample size {n} is too small for a power analysis; give sample sizes of at least {minimum}"),
        SettingsError::PowerReplications => "a power analysis needs at least 1 replication per sample size",
        SettingsError::PowerResamples => "a power analysis needs at least 2 bootstrap resamples per replication",
        SettingsError::PowerTarget => "the target power must lie between 0 and 1, e.g. 0.8",
        SettingsError::PowerHigherOrder => "a power analysis cannot yet generate data for higher-order constructs; plan with the model's first-order constructs",
        SettingsError::PowerExogenous => "the correlations of the exogenous constructs are not positive definite, so no population can be built from them",
        SettingsError::PowerUnexplained { construct, r2 } => return format!("the paths into {construct} explain all of its variance (R² = {r2:.3}); give smaller path coefficients"),
        SettingsError::PowerPath { text } => return format!("'{text}' is not a path of the model with a value; write it as FROM -> TO = value, e.g. CRM*SC -> BP = -0.39"),
    }
    .into()
}

fn worker(e: &WorkerError) -> String {
    match e {
        WorkerError::Lost => {
            "a background worker stopped responding (it may have run out of memory); the workers were restarted, so you can run again".into()
        }
        WorkerError::Crashed { message } => format!(
            "a background worker crashed ({message}); the workers were restarted and your data, model and settings are kept, so you can run again"
        ),
        WorkerError::NotPrepared => {
            "this worker has no prepared analysis for the job (it may have been restarted); run the analysis again".into()
        }
    }
}

/// "3× reason; 1× other reason".
/// A share as a percentage with one decimal: "3.1 %".
/// The omission distance in SmartPLS's usual 5–12 nearest to `d` (the
/// larger one on a tie) that does not divide n.
pub(super) fn other_distance(n: usize, d: usize) -> Option<usize> {
    (5..=12usize).filter(|c| n % c != 0).min_by_key(|&c| (c.abs_diff(d), std::cmp::Reverse(c)))
}

/// A share in percent, one decimal; below 0.1 % two significant digits
/// (1 of 5000 is 0.02 %, not 0.0 %).
pub(super) fn share_percent(share: f64, decimal: char) -> String {
    let pct = share * 100.0;
    let text = if pct > 0.0 && pct < 0.1 { format!("{:.1e}", pct).parse::<f64>().map_or(format!("{pct}"), |v| format!("{v}")) } else { format!("{pct:.1}") };
    format!("{text} %").replace('.', &decimal.to_string())
}

fn tally(reasons: &[(ResampleFailure, usize)]) -> String {
    reasons.iter().map(|(r, c)| format!("{c}× {}", resample(r))).collect::<Vec<_>>().join("; ")
}

fn none_or(items: Vec<String>) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

pub(super) fn warning(w: &WarningKind) -> String {
    use WarningKind::*;
    match w {
        NotConverged { max_iterations, tolerance } => format!(
            "the PLS algorithm did not converge within {max_iterations} iterations (stop criterion {tolerance:e}); results are not trustworthy — raise the iteration limit"
        ),
        SmallSample { n, needed, predictors } => format!(
            "n = {n} is below the 10-times rule ({needed} for a construct with {predictors} predictors); bootstrap results may be unstable"
        ),
        NegativeLoading { items } => format!(
            "negative loading: {}; reverse-coded items must be recoded (e.g. 8 − x on a 1–7 scale) before the analysis",
            items.iter().map(|(i, c)| format!("{i} ({c})")).collect::<Vec<_>>().join(", ")
        ),
        PlscInadmissible { correlations, r2 } => format!(
            "inadmissible consistent PLS solution: corrected correlation beyond ±1 for {}; R² outside [0, 1] for {}; the reliabilities (ρ_A) are too low for the correction — report PLS without PLSc or revise the measurement",
            none_or(correlations.iter().map(|(a, b)| format!("{a} and {b}")).collect()),
            none_or(r2.clone())
        ),
        LoadingAboveOne { items } => format!("inadmissible solution: |loading| > 1 for {}", items.join(", ")),
        JackknifeFailed { failed, n, reasons } => format!(
            "{failed} of {n} leave-one-out estimates for the BCa intervals failed and were left out ({}); the intervals rest on the others",
            tally(reasons)
        ),
        BootstrapNotConverged { count, total, max_iterations } => format!(
            "{count} of {total} bootstrap resamples reached the iteration limit ({max_iterations}) before converging; they are kept in the statistics"
        ),
        BootstrapFailed { failed, total, reasons } => {
            format!("{failed} of {total} bootstrap resamples failed and were left out of the bootstrap statistics ({})", tally(reasons))
        }
        NotPositiveDefinite => {
            "inadmissible solution: the construct correlation matrix is not positive definite (constructs are linear combinations of one another); remove a redundant construct or revise the measurement".into()
        }
        MissingMainEffect { interaction, missing, dv } => format!(
            "the interaction {interaction} predicts {dv}, but {missing} has no path to {dv}: without its main effect the interaction coefficient is not a moderation effect; add {dv} ~ {missing}"
        ),
        PredictFolds { failed, not_converged, total } => format!(
            "PLSpredict: {failed} of {total} training folds could not be estimated (their holdout cases lack that repetition's prediction) and {not_converged} reached the iteration limit (kept)"
        ),
        PredictLmUnavailable { missing, indicators } => format!(
            "PLSpredict: the LM benchmark could not be fitted for {missing} of {indicators} indicators (its training folds have fewer cases than predictors, or collinear predictors); the predictive-power verdict compares only the others{}",
            if missing == indicators { " and is therefore not assessed" } else { "" }
        ),
        SuspectCodes { codes } => {
            let list: Vec<String> = codes.iter().map(|(v, n, cols)| format!("{v} ({n} {} in {})", if *n == 1 { "cell" } else { "cells" }, cols.join(", "))).collect();
            format!(
                "{} {} like a missing-value code but {} analysed as an answer; if it marks missing answers, declare it a missing-value code (the question under the data preview, or --missing-code) and run again",
                list.join("; "),
                if codes.len() == 1 { "looks" } else { "look" },
                if codes.len() == 1 { "was" } else { "were" }
            )
        }
        IpmaScaleExceeded { items, min, max } => format!(
            "IPMA: {} {} values outside the scale {min}–{max} given, so their rescaled values leave 0–100 and the performances can too; give the questionnaire's scale",
            items.join(", "),
            if items.len() == 1 { "has" } else { "have" }
        ),
        PredictMapeUndefined { items } => format!(
            "PLSpredict: no MAPE for {}: the percentage error divides by the actual value, and some are 0 (a scale from 0?); compare RMSE and MAE instead",
            items.join(", ")
        ),
        RhoAAboveOne { constructs } => format!(
            "ρ_A exceeds 1 for {}: that is no reliability (it happens in small samples or when the weights are far from the loadings); report ρ_C and α, and check the sample size and the indicators",
            constructs.iter().map(|(c, v)| format!("{c} ({v:.3})")).collect::<Vec<_>>().join(", ")
        ),
        BlankRows { rows } => format!(
            "{} of the file without any value ({}) {} skipped; the cases after {} are numbered without {} (as in bootstrap and PLSpredict order files)",
            if rows.len() == 1 { "a row".to_string() } else { format!("{} rows", rows.len()) },
            listed_rows(rows, "row", "rows"),
            if rows.len() == 1 { "was" } else { "were" },
            if rows.len() == 1 { "it" } else { "them" },
            if rows.len() == 1 { "it" } else { "them" }
        ),
        PredictEndogenousInteraction { interaction, endogenous, targets } => format!(
            "PLSpredict (earliest antecedents): the interaction term {interaction} is built from {}, which {} endogenous; the term has no antecedents, so a holdout case's term is scored from its own {} indicators, and the out-of-sample predictions of {} (PLS and the LM benchmark alike) use those observed answers: their Q²predict overstates what the exogenous constructs predict. Direct antecedents use observed antecedent scores by definition",
            endogenous.join(", "), if endogenous.len() == 1 { "is" } else { "are" }, endogenous.join(", "), targets.join(", ")
        ),
        BlindfoldMissing { failed, formative } => {
            let mut parts = Vec::new();
            if !failed.is_empty() {
                parts.push(format!("a blindfolding round's model could not be estimated for {} (e.g. an indicator is constant on the cases left in a round)", failed.join(", ")));
            }
            if !formative.is_empty() {
                parts.push(format!("{} {} measured in Mode B, whose indicators blindfolding does not predict", formative.join(", "), if formative.len() == 1 { "is" } else { "are" }));
            }
            format!("no Q² (blindfolding): {}", parts.join("; "))
        }
        BlindfoldDistance { n, distance } => format!(
            "blindfolding: n = {n} is a multiple of the omission distance {distance}; SmartPLS requires that n / D is not an integer — choose another distance{}",
            other_distance(*n, *distance).map(|d| format!(", e.g. {d}")).unwrap_or_default()
        ),
        BlindfoldDistanceBeyondN { n, distance } => format!(
            "blindfolding: the omission distance {distance} exceeds n = {n}, so each round omits at most one case per indicator — close to leave-one-out, not blindfolding as SmartPLS runs it (D between 5 and 12{})",
            other_distance(*n, 7).map(|d| format!(", e.g. {d}")).unwrap_or_default()
        ),
        SignReversed { construct, count, total, share, corrected, whole_construct } => {
            let what = match (corrected, whole_construct) {
                (false, _) => "the intervals of its paths (and of the interactions built from it) are widened by this; the setting “Sign-reversed resamples: construct-level sign changes” (sign_change = construct) corrects such resamples",
                (true, false) => "each bootstrap statistic was given the sign of its full-sample estimate (individual sign changes)",
                (true, true) => "these resamples were corrected: the construct's weights and loadings negated and its paths re-estimated (construct-level sign changes)",
            };
            format!("{construct} was sign-reversed in {} of the bootstrap resamples ({count} of {total}); {what}", share_percent(*share, '.'))
        }
        IterationLimitPattern { oscillating, drifting, dropped } => {
            let fate = if *dropped {
                "they were left out (drop_nonconverged)"
            } else {
                "they are kept; the setting drop_nonconverged (\"Leave out resamples that did not converge\") leaves them out"
            };
            format!(
                "of the {} bootstrap resamples that reached the iteration limit, {oscillating} alternated between two states (typical of a construct flipping its sign) and {drifting} were still drifting; {fate}",
                oscillating + drifting
            )
        }
        HocRepeatedModeB { hoc, antecedents } => format!(
            "{hoc} is a Mode B higher-order construct estimated by repeated indicators with antecedents ({}): its dimensions explain almost all of its variance, so the paths from the antecedents are biased towards zero; use a two-stage approach (--hoc two-stage-embedded or two-stage-disjoint)",
            antecedents.join(", ")
        ),
        Text { message, .. } => message.clone(),
    }
}

/// A higher-order construct that cannot be estimated as written.
fn hoc_problem(p: &crate::error::HocProblem) -> String {
    use crate::error::HocProblem::*;
    match p {
        OneDimension { hoc, dimension } => format!(
            "higher-order construct '{hoc}' has only one dimension ({dimension}); a higher-order construct needs at least two, or use {dimension} itself"
        ),
        Mixed { hoc, item, dimension } => format!(
            "construct '{hoc}' is measured by the construct {dimension} and by the column {item}; a higher-order construct is measured by constructs only, so put {item} into one of its dimensions"
        ),
        DimensionReused { dimension, first, second } => format!(
            "construct '{dimension}' is a dimension of both '{first}' and '{second}'; each construct can be a dimension of only one higher-order construct"
        ),
        Nested { hoc, dimension } => format!(
            "'{dimension}' is itself a higher-order construct and cannot be a dimension of '{hoc}'; third-order constructs are not supported"
        ),
        Cycle { nodes } => format!(
            "higher-order constructs measure each other: {}; remove one of these dimensions",
            nodes.join(" → ")
        ),
        DimensionInStructure { dimension, hoc, written } => format!(
            "'{dimension}' is a dimension of the higher-order construct '{hoc}' and cannot appear in {written}; use {hoc} in the structural model"
        ),
    }
}

/// "row 9" / "rows 9, 12, 15" (the first ten, then "…").
fn listed_rows(rows: &[usize], one: &str, many: &str) -> String {
    let mut list: Vec<String> = rows.iter().take(10).map(|r| r.to_string()).collect();
    if rows.len() > 10 {
        list.push("…".into());
    }
    format!("{} {}", if rows.len() == 1 { one } else { many }, list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shares below 0.1 % keep two significant digits (1 of 5000 is
    /// 0.02 %); others one decimal.
    #[test]
    fn small_shares_are_not_rounded_to_zero() {
        assert_eq!(share_percent(1.0 / 5000.0, '.'), "0.02 %");
        assert_eq!(share_percent(0.000123, ','), "0,012 %");
        assert_eq!(share_percent(0.25, '.'), "25.0 %");
        assert_eq!(share_percent(0.0, '.'), "0.0 %");
    }

    /// n = 42 with D = 7: 8 is suggested (6 and 8 are as near; 6 divides 42).
    #[test]
    fn another_omission_distance_is_suggested() {
        assert_eq!(other_distance(42, 7), Some(8));
        assert_eq!(other_distance(250, 10), Some(11));
        assert_eq!(other_distance(27720, 7), None);
    }

    /// Too many groups: a numeric column's split is suggested at its median.
    #[test]
    fn too_many_groups_suggests_the_median() {
        let e = GroupError::TooManyGroups { column: "age".into(), found: 52, limit: 10, median: Some(44.5) };
        assert!(groups(&e).contains("age<44.5"), "{}", groups(&e));
        let e = GroupError::TooManyGroups { column: "firm".into(), found: 52, limit: 10, median: None };
        assert!(!groups(&e).contains('<'), "{}", groups(&e));
    }
}

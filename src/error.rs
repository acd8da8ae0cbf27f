//! The one error type of plsweb.
//!
//! An [`Error`] is a kind that carries the facts ([`ErrorKind`]: the cell's
//! text, the expected and found number of fields, the misspelt name and the
//! suggestions, …) and where it happened ([`Location`]: data row, 1-based
//! counting the header as row 1 like a spreadsheet; column name; model line;
//! construct). It carries no words: [`crate::messages`] renders a kind in
//! English or Bahasa Indonesia, one exhaustive function per language, so the
//! compiler checks that every kind has both. [`Error::code`] is the stable
//! machine-readable identifier (`csv.not_a_number`, `model.unknown_column`)
//! that the JSON, the catalogue of bad inputs and the page use.

use serde::{Deserialize, Serialize};

/// Where a problem was found. All fields optional; fill what is known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based row of the file as a spreadsheet shows it (header = row 1).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<String>,
    /// 1-based line of the model text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub construct: Option<String>,
}

impl Location {
    /// "line 2, row 5, column X, construct Y", with the given words for
    /// line, row, column and construct; empty when nothing is known.
    pub fn describe(&self, [line, row, column, construct]: [&str; 4]) -> String {
        let mut place = Vec::new();
        if let Some(v) = self.line {
            place.push(format!("{line} {v}"));
        }
        if let Some(v) = self.row {
            place.push(format!("{row} {v}"));
        }
        if let Some(v) = &self.column {
            place.push(format!("{column} {v}"));
        }
        if let Some(v) = &self.construct {
            place.push(format!("{construct} {v}"));
        }
        place.join(", ")
    }
}

/// Reading a file: CSV, XLSX, the size limit, result files, the example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FileError {
    Empty,
    EmptySheet { sheet: String },
    BadDelimiter { delimiter: char },
    DecimalCommaWithComma,
    DuplicateColumn { name: String, first: String, second: String },
    /// A row with `found` fields where the header has `expected`; `decimal_commas`:
    /// the row looks like numbers with decimal commas split at ','.
    Ragged { expected: usize, found: usize, delimiter: u8, decimal_commas: bool },
    NoRows,
    NoRowsInSheet { sheet: String },
    /// CSV: an unnamed column that holds data, first in `first_row`.
    EmptyColumnName { letter: String, number: usize, first_row: usize },
    EmptyColumnNameInSheet { letter: String, first_row: usize },
    Binary,
    NotANumber { text: String },
    /// A decimal point in a file with decimal commas; `fixed` is the cell
    /// with a comma.
    DecimalPointInCommaFile { text: String, fixed: String },
    /// A decimal comma in a file whose delimiter is ','.
    DecimalCommaInCommaFile { text: String },
    Boolean { value: bool },
    DateTime { text: String },
    SpreadsheetError { error: String },
    /// '.' groups thousands in a file with decimal commas.
    ThousandsDot { text: String },
    /// ',' groups thousands in a file with decimal points.
    ThousandsComma { text: String },
    /// ',' could group thousands or be a decimal comma.
    AmbiguousComma { text: String },
    NotFinite { text: String },
    XlsxInvalid { reason: String },
    SheetInvalid { sheet: String, reason: String },
    CellBeyondLimit { sheet: String },
    NoSuchSheet { sheet: String, available: Vec<String> },
    NoSheets,
    OldExcel,
    TooLarge { bytes: usize, limit: usize },
    SheetTooLarge { sheet: String, max_cells: usize },
    /// The command line could not read a file.
    Io { path: String, reason: String },
    /// The page could not read a chosen file.
    Unreadable { name: String, reason: String },
    ResultNotUtf8,
    ResultInvalid { reason: String },
    ExampleUnavailable { reason: String },
    /// A replayed resample names something that is not a 1-based row.
    ReplayBadIndex { text: String },
    /// A replayed row number beyond the data's n cases.
    ReplayOutOfRange { row: usize, n: usize },
}

/// The data against the model's columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DataError {
    /// `available`: the first column names, "…" last when there are more.
    UnknownColumn { name: String, available: Vec<String> },
    NoColumns,
    AllMissing { column: String, cells: usize },
    NoRowsLeft { rows: usize },
    TooFewRows { rows: usize },
    /// `propose` found no column names of the form stem + number.
    NothingToPropose,
}

/// Where an unexpected token stands in its statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Near {
    Nothing,
    After(String),
    Before(String),
}

/// What the parser wanted instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wanted {
    Nothing,
    Name,
    ConstructName,
}

/// Why a numbered range (`CRM1..CRM7`) is not one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BadRange {
    MissingEnd,
    NoNumber,
    DifferentStems { first: String, second: String },
    TooLarge,
    /// Written high to low; `fixed` is the range written the right way.
    Reversed { fixed: String },
    TooMany { limit: u64 },
}

/// A construct name used where the model has none of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    PathSource,
    PathTarget,
}

/// Model text and model checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ModelError {
    UnterminatedQuote { col: usize, quote: char },
    EmptyQuote { col: usize },
    /// `token` is an operator when `operator`.
    Unexpected { token: String, operator: bool, col: usize, near: Near, wanted: Wanted },
    /// The statement ended where a name was due.
    EndOfLine { col: usize },
    MissingNameAfterSeparator { written: String, col: usize },
    MissingNameAfterPlus { col: usize },
    NoOperator { name: String, col: usize },
    SeveralNames { op: String, col: usize },
    OneNameLeft { op: String, first: String, second: String, col: usize },
    StarInName { name: String, col: usize },
    EmptyRhs { op: String, col: usize },
    MissingPlus { before: String, after: String, col: usize },
    BadRange { range: String, col: usize, why: BadRange },
    DefinedParameter { col: usize },
    NumberTerm { term: String, col: usize },
    FixedCoefficient { term: String, col: usize },
    ThreeWay { term: String, col: usize },
    ColonInMeasurement { term: String, col: usize, from: String, to: String },
    FixedLoading { term: String, col: usize },
    ParameterLabel { term: String, col: usize, label: String },
    UnknownOperator { op: String, col: usize },
    EmptyLhs { op: String, col: usize },
    InteractionLeftOf { op: String, col: usize },
    InteractionAsDependent { name: String },
    DefinedTwiceAtLine { name: String, first_line: usize },
    DefinedTwice { name: String, first_line: Option<usize>, first_number: usize },
    Unnamed { number: usize },
    StarInConstructName { name: String },
    UnknownConstruct { role: Role, name: String, suggestions: Vec<String> },
    ThreeWayInteraction { written: String },
    /// `part` is empty when the interaction has an empty side.
    InteractionUndefined { written: String, part: String, suggestions: Vec<String> },
    Empty,
    NoIndicators { name: String },
    /// `suggestions` empty: `available` lists the data's first columns.
    UnknownColumn { indicator: String, construct: String, suggestions: Vec<String>, available: Vec<String>, more: bool },
    ListedTwice { indicator: String, construct: String },
    IndicatorReused { indicator: String, first: String, second: String },
    ModeBSingleItem { name: String },
    DuplicateInteraction { written: String, same_as: Option<String> },
    SelfLoop { name: String },
    DuplicatePath { from: String, to: String },
    NoPaths,
    InteractionUnused { name: String, dv: String },
    Cycle { nodes: Vec<String> },
    Isolated { name: String },
    Json { reason: String },
    /// A higher-order construct that cannot be estimated as written.
    Hoc(HocProblem),
}

/// What is wrong with a higher-order construct (a construct measured by
/// other constructs, its dimensions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HocProblem {
    /// Only one dimension: the HOC would be the dimension itself.
    OneDimension { hoc: String, dimension: String },
    /// Constructs and data columns mixed among the indicators.
    Mixed { hoc: String, item: String, dimension: String },
    /// One dimension measures two HOCs.
    DimensionReused { dimension: String, first: String, second: String },
    /// A dimension that is itself higher-order (third-order constructs).
    Nested { hoc: String, dimension: String },
    /// HOCs that measure each other, as a chain back to the first.
    Cycle { nodes: Vec<String> },
    /// A dimension on a structural path or in an interaction (`written`):
    /// the HOC stands for it in the structural model.
    DimensionInStructure { dimension: String, hoc: String, written: String },
}

impl HocProblem {
    pub fn code(&self) -> &'static str {
        match self {
            HocProblem::OneDimension { .. } => "model.hoc_one_dimension",
            HocProblem::Mixed { .. } => "model.hoc_mixed",
            HocProblem::DimensionReused { .. } => "model.hoc_dimension_reused",
            HocProblem::Nested { .. } => "model.hoc_nested",
            HocProblem::Cycle { .. } => "model.hoc_cycle",
            HocProblem::DimensionInStructure { .. } => "model.hoc_dimension_in_structure",
        }
    }
}

/// Why an estimation could not be computed, with the names it concerns.
/// The same facts describe a failed full-sample estimate (an [`Error`]) and
/// a failed bootstrap resample ([`ResampleFailure`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EstimationProblem {
    ConstantIndicator { item: String },
    OrthogonalSingular { construct: String },
    ModeBSingular { construct: String },
    CollinearPredictors { construct: String },
    ZeroVariance { construct: String },
}

/// Why one bootstrap resample (or one leave-one-out estimate) was left out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResampleFailure {
    Estimation(EstimationProblem),
    /// Left out because the algorithm hit its iteration limit (only when
    /// non-converged resamples are dropped).
    NotConverged,
    AllMissing,
    TooFewRows,
    Infinite,
    ReplayOutOfRange,
}

/// A setting that would make the estimation meaningless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SettingsError {
    Tolerance,
    MaxIterations,
    Alpha,
    Bootstrap,
    Blindfold,
    /// PLSpredict needs 2 ≤ folds ≤ n.
    PredictFolds { folds: usize, n: usize },
    /// A given row order (1-based line) is not a permutation of the n rows.
    PredictOrder { line: usize, n: usize },
    /// PLSpredict without a repetition (0 repetitions or an empty order file).
    PredictRepetitions,
    /// An order file of `lines` orders with `--predict-repetitions` asking
    /// for a different number.
    PredictOrderRepetitions { lines: usize, repetitions: usize },
    /// An option given while the analysis it belongs to is off.
    OptionUnused { option: String, needs: String },
    /// A moderator level that is not a finite number of SDs.
    ModeratorLevel { level: String },
    /// PLSpredict of a consistent PLS (PLSc) estimate.
    PredictConsistent,
    /// PLSpredict with higher-order constructs (see
    /// `engine::predict::PredictError::HigherOrder`).
    PredictHigherOrder,
    /// CVPAT without a PLSpredict run.
    CvpatWithoutPredict,
    /// A power analysis's sample size below the minimum.
    PowerSampleSize { n: usize, minimum: usize },
    /// A power analysis without replications.
    PowerReplications,
    /// A power analysis with fewer than 2 bootstrap resamples.
    PowerResamples,
    /// The target power is not strictly between 0 and 1.
    PowerTarget,
    /// Power of a model with higher-order constructs.
    PowerHigherOrder,
    /// The exogenous constructs' correlations are not positive definite.
    PowerExogenous,
    /// The population's paths explain all of a construct's variance.
    PowerUnexplained { construct: String, r2: f64 },
    /// A population path that is not `FROM -> TO = value` of the model.
    PowerPath { text: String },
}

/// The page's background workers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    Lost,
    Crashed { message: String },
    NotPrepared,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ErrorKind {
    File(FileError),
    Data(DataError),
    Model(ModelError),
    Estimation(EstimationProblem),
    Settings(SettingsError),
    Worker(WorkerError),
    /// The user cancelled: not a failure.
    Cancelled,
    Groups(GroupError),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Error {
    pub kind: ErrorKind,
    #[serde(default)]
    pub location: Location,
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<FileError> for Error {
    fn from(e: FileError) -> Self {
        Error::new(ErrorKind::File(e))
    }
}
impl From<DataError> for Error {
    fn from(e: DataError) -> Self {
        Error::new(ErrorKind::Data(e))
    }
}
impl From<ModelError> for Error {
    fn from(e: ModelError) -> Self {
        Error::new(ErrorKind::Model(e))
    }
}
impl From<EstimationProblem> for Error {
    fn from(e: EstimationProblem) -> Self {
        Error::new(ErrorKind::Estimation(e))
    }
}
impl From<SettingsError> for Error {
    fn from(e: SettingsError) -> Self {
        Error::new(ErrorKind::Settings(e))
    }
}
impl From<WorkerError> for Error {
    fn from(e: WorkerError) -> Self {
        Error::new(ErrorKind::Worker(e))
    }
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, location: Location::default() }
    }
    pub fn at_row(mut self, row: usize) -> Self {
        self.location.row = Some(row);
        self
    }
    pub fn at_column(mut self, column: impl Into<String>) -> Self {
        self.location.column = Some(column.into());
        self
    }
    pub fn at_line(mut self, line: usize) -> Self {
        self.location.line = Some(line);
        self
    }
    /// At `line` if known.
    pub fn at_line_opt(mut self, line: Option<usize>) -> Self {
        self.location.line = line;
        self
    }
    pub fn at_construct(mut self, construct: impl Into<String>) -> Self {
        self.location.construct = Some(construct.into());
        self
    }
    /// The analysis was cancelled by the user. Not a failure: callers show
    /// nothing alarming for it.
    pub fn cancelled() -> Self {
        Error::new(ErrorKind::Cancelled)
    }
    pub fn is_cancelled(&self) -> bool {
        self.kind == ErrorKind::Cancelled
    }
    /// Stable identifier, e.g. `csv.not_a_number`, `model.unknown_column`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
    /// A problem with the model text or its check against the data: shown
    /// under the model editor.
    pub fn is_model_error(&self) -> bool {
        matches!(self.kind, ErrorKind::Model(_)) || self.location.line.is_some()
    }
}

impl ErrorKind {
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::File(e) => e.code(),
            ErrorKind::Data(e) => e.code(),
            ErrorKind::Model(e) => e.code(),
            ErrorKind::Estimation(e) => e.code(),
            ErrorKind::Settings(e) => e.code(),
            ErrorKind::Worker(e) => e.code(),
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Groups(e) => e.code(),
        }
    }
}

impl FileError {
    pub fn code(&self) -> &'static str {
        use FileError::*;
        match self {
            Empty | EmptySheet { .. } => "csv.empty",
            BadDelimiter { .. } => "csv.bad_delimiter",
            DecimalCommaWithComma => "csv.decimal_comma_with_comma",
            DuplicateColumn { .. } => "csv.duplicate_column",
            Ragged { .. } => "csv.ragged",
            NoRows | NoRowsInSheet { .. } => "csv.no_rows",
            EmptyColumnName { .. } | EmptyColumnNameInSheet { .. } => "csv.empty_column_name",
            Binary => "csv.binary",
            NotANumber { .. } | DecimalPointInCommaFile { .. } | DecimalCommaInCommaFile { .. } | Boolean { .. } | DateTime { .. } | SpreadsheetError { .. } => "csv.not_a_number",
            ThousandsDot { .. } | ThousandsComma { .. } | AmbiguousComma { .. } => "csv.thousands_separator",
            NotFinite { .. } => "csv.not_finite",
            XlsxInvalid { .. } | SheetInvalid { .. } | CellBeyondLimit { .. } => "xlsx.invalid",
            NoSuchSheet { .. } | NoSheets => "xlsx.no_sheet",
            OldExcel => "xlsx.old_format",
            TooLarge { .. } | SheetTooLarge { .. } => "data.too_large",
            Io { .. } => "io.read",
            Unreadable { .. } => "file.unreadable",
            ResultNotUtf8 => "result.not_utf8",
            ResultInvalid { .. } => "result.invalid",
            ExampleUnavailable { .. } => "example.unavailable",
            ReplayBadIndex { .. } => "replay.bad_index",
            ReplayOutOfRange { .. } => "replay.out_of_range",
        }
    }
}

impl DataError {
    pub fn code(&self) -> &'static str {
        match self {
            DataError::UnknownColumn { .. } => "data.unknown_column",
            DataError::NoColumns => "data.no_columns",
            DataError::AllMissing { .. } => "data.all_missing",
            DataError::NoRowsLeft { .. } => "data.no_rows_left",
            DataError::TooFewRows { .. } => "data.too_few_rows",
            DataError::NothingToPropose => "data.nothing_to_propose",
        }
    }
}

impl ModelError {
    pub fn code(&self) -> &'static str {
        use ModelError::*;
        match self {
            UnterminatedQuote { .. } | EmptyQuote { .. } | Unexpected { .. } | EndOfLine { .. } | MissingNameAfterSeparator { .. } | MissingNameAfterPlus { .. } | NoOperator { .. } | SeveralNames { .. } | OneNameLeft { .. } | StarInName { .. } => "model.syntax",
            EmptyRhs { .. } => "model.empty_rhs",
            MissingPlus { .. } => "model.missing_plus",
            BadRange { .. } => "model.bad_range",
            DefinedParameter { .. } | NumberTerm { .. } | FixedCoefficient { .. } | ThreeWay { .. } | ColonInMeasurement { .. } | FixedLoading { .. } | ParameterLabel { .. } => "model.unsupported",
            UnknownOperator { .. } => "model.unknown_operator",
            EmptyLhs { .. } => "model.empty_lhs",
            InteractionLeftOf { .. } | InteractionAsDependent { .. } => "model.interaction_as_target",
            DefinedTwiceAtLine { .. } | DefinedTwice { .. } | Unnamed { .. } | StarInConstructName { .. } => "model.duplicate_construct",
            UnknownConstruct { .. } => "model.unknown_construct",
            ThreeWayInteraction { .. } | InteractionUndefined { .. } => "model.interaction_undefined",
            Empty => "model.empty",
            NoIndicators { .. } => "model.no_indicators",
            UnknownColumn { .. } => "model.unknown_column",
            ListedTwice { .. } | IndicatorReused { .. } => "model.indicator_reused",
            ModeBSingleItem { .. } => "model.mode_b_single_item",
            DuplicateInteraction { .. } => "model.duplicate_interaction",
            SelfLoop { .. } => "model.self_loop",
            DuplicatePath { .. } => "model.duplicate_path",
            NoPaths => "model.no_paths",
            InteractionUnused { .. } => "model.interaction_unused",
            Cycle { .. } => "model.cycle",
            Isolated { .. } => "model.isolated_construct",
            Json { .. } => "model.json",
            Hoc(p) => p.code(),
        }
    }
}

impl EstimationProblem {
    pub fn code(&self) -> &'static str {
        match self {
            EstimationProblem::ConstantIndicator { .. } => "estimate.constant_indicator",
            EstimationProblem::OrthogonalSingular { .. } => "estimate.orthogonal_singular",
            EstimationProblem::ModeBSingular { .. } => "estimate.mode_b_singular",
            EstimationProblem::CollinearPredictors { .. } => "estimate.collinear_predictors",
            EstimationProblem::ZeroVariance { .. } => "estimate.zero_variance",
        }
    }
}

impl SettingsError {
    pub fn code(&self) -> &'static str {
        match self {
            SettingsError::Tolerance => "settings.tolerance",
            SettingsError::MaxIterations => "settings.max_iterations",
            SettingsError::Alpha => "settings.alpha",
            SettingsError::Bootstrap => "settings.bootstrap",
            SettingsError::Blindfold => "settings.blindfold",
            SettingsError::PredictFolds { .. } => "settings.predict_folds",
            SettingsError::PredictOrder { .. } => "settings.predict_order",
            SettingsError::PredictRepetitions => "settings.predict_repetitions",
            SettingsError::PredictOrderRepetitions { .. } => "settings.predict_order_repetitions",
            SettingsError::OptionUnused { .. } => "settings.option_unused",
            SettingsError::ModeratorLevel { .. } => "settings.moderator_level",
            SettingsError::PredictConsistent => "settings.predict_consistent",
            SettingsError::PredictHigherOrder => "settings.predict_higher_order",
            SettingsError::CvpatWithoutPredict => "settings.cvpat_without_predict",
            SettingsError::PowerSampleSize { .. } => "settings.power_sample_size",
            SettingsError::PowerReplications => "settings.power_replications",
            SettingsError::PowerResamples => "settings.power_resamples",
            SettingsError::PowerTarget => "settings.power_target",
            SettingsError::PowerHigherOrder => "settings.power_higher_order",
            SettingsError::PowerExogenous => "settings.power_exogenous",
            SettingsError::PowerUnexplained { .. } => "settings.power_unexplained",
            SettingsError::PowerPath { .. } => "settings.power_path",
        }
    }
}

impl WorkerError {
    pub fn code(&self) -> &'static str {
        match self {
            WorkerError::Lost => "worker.lost",
            WorkerError::Crashed { .. } => "worker.crashed",
            WorkerError::NotPrepared => "worker.not_prepared",
        }
    }
}

/// Something the user must know about a result, with its facts. Words are
/// rendered by [`crate::messages::warning_text`]; in JSON a warning is
/// `{code, message, facts}` (the English message, and the facts to render it
/// in any language when the file is loaded again).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WarningKind {
    NotConverged { max_iterations: usize, tolerance: f64 },
    /// Values of the model's indicators that look like missing-value codes
    /// (value, cells, columns), analysed as answers: no missing-value code
    /// was given for them and the user did not say they are answers.
    SuspectCodes { codes: Vec<(f64, usize, Vec<String>)> },
    /// Records of the file without any value, between data rows (file
    /// rows, 1-based): skipped, so later data rows are numbered without them.
    BlankRows { rows: Vec<usize> },
    /// n below ten times the largest number of arrows into a construct.
    SmallSample { n: usize, needed: usize, predictors: usize },
    /// (item, construct) of Mode A items loading negatively.
    NegativeLoading { items: Vec<(String, String)> },
    PlscInadmissible { correlations: Vec<(String, String)>, r2: Vec<String> },
    LoadingAboveOne { items: Vec<String> },
    /// ρ_A above 1 (construct, value): no reliability.
    RhoAAboveOne { constructs: Vec<(String, f64)> },
    JackknifeFailed { failed: usize, n: usize, reasons: Vec<(ResampleFailure, usize)> },
    BootstrapNotConverged { count: usize, total: usize, max_iterations: usize },
    BootstrapFailed { failed: usize, total: usize, reasons: Vec<(ResampleFailure, usize)> },
    /// The (corrected) construct correlation matrix is not positive definite.
    NotPositiveDefinite,
    /// An interaction predicts `dv` but a constituent (`missing`, the
    /// moderator or the independent variable) has no path to `dv`, so the
    /// interaction's coefficient mixes the main effect into the moderation.
    MissingMainEffect { interaction: String, missing: String, dv: String },
    /// PLSpredict training folds that could not be estimated (their
    /// holdout rows have no prediction from that repetition), and those
    /// that reached the iteration limit (kept).
    PredictFolds { failed: usize, not_converged: usize, total: usize },
    /// The LM benchmark has no out-of-sample figures for `missing` of the
    /// `indicators` endogenous indicators (a training fold with fewer rows
    /// than predictors, or collinear predictors): the verdict leaves them
    /// out, and with none left it is "not assessed".
    PredictLmUnavailable { missing: usize, indicators: usize },
    /// Indicators without a MAPE: some actual value is 0.
    PredictMapeUndefined { items: Vec<String> },
    /// PLSpredict by earliest antecedents with an interaction term built
    /// from an endogenous construct: the term has no antecedents, so a
    /// holdout case's term is scored from its own indicators of that
    /// construct, and the predictions of the term's `targets` (PLS and the
    /// LM, whose predictors include the term) use those observed answers.
    PredictEndogenousInteraction { interaction: String, endogenous: Vec<String>, targets: Vec<String> },
    /// Blindfolding gave no Q² for these endogenous constructs: a round's
    /// model could not be estimated (`failed`), or the construct is Mode B
    /// with several indicators (`formative`, whose items it does not
    /// predict).
    BlindfoldMissing { failed: Vec<String>, formative: Vec<String> },
    /// Blindfolding with n a multiple of D: SmartPLS's rule that n/D must
    /// not be an integer.
    BlindfoldDistance { n: usize, distance: usize },
    /// An omission distance above n: a round omits at most one case per
    /// indicator (close to leave-one-out, not SmartPLS's blindfolding).
    BlindfoldDistanceBeyondN { n: usize, distance: usize },
    /// A construct came out sign-reversed in some bootstrap resamples
    /// (`engine::sign`), and what was done about it: kept (`corrected`
    /// false), each statistic aligned, or the construct negated and its
    /// paths re-estimated (`whole_construct`).
    SignReversed { construct: String, count: usize, total: usize, share: f64, corrected: bool, whole_construct: bool },
    /// How the resamples that reached the iteration limit ended (kept or,
    /// with `dropped`, left out).
    IterationLimitPattern { oscillating: usize, drifting: usize, dropped: bool },
    /// Repeated indicators with a Mode B higher-order construct that has
    /// antecedents: its dimensions explain it almost fully (R² ≈ 1), so the
    /// antecedents' paths are biased towards zero (Ringle et al. 2012).
    HocRepeatedModeB { hoc: String, antecedents: Vec<String> },
    /// Indicators with values outside the IPMA scale given: their rescaled
    /// values leave 0–100, and so may the performances.
    IpmaScaleExceeded { items: Vec<String>, min: f64, max: f64 },
    /// Read from a result file without facts: its code and English text.
    Text { code: String, message: String },
}

impl WarningKind {
    pub fn code(&self) -> &str {
        use WarningKind::*;
        match self {
            NotConverged { .. } => "estimate.not_converged",
            BlankRows { .. } => "data.blank_rows",
            SuspectCodes { .. } => "data.suspect_codes",
            SmallSample { .. } => "data.small_sample",
            NegativeLoading { .. } => "estimate.negative_loading",
            PlscInadmissible { .. } => "estimate.plsc_inadmissible",
            LoadingAboveOne { .. } => "estimate.loading_above_one",
            RhoAAboveOne { .. } => "estimate.rho_a_above_one",
            JackknifeFailed { .. } => "bootstrap.jackknife_failed",
            BootstrapNotConverged { .. } => "bootstrap.not_converged",
            BootstrapFailed { .. } => "bootstrap.failed_resamples",
            NotPositiveDefinite => "estimate.not_positive_definite",
            MissingMainEffect { .. } => "model.missing_main_effect",
            PredictFolds { .. } => "predict.folds",
            PredictLmUnavailable { .. } => "predict.lm_unavailable",
            PredictMapeUndefined { .. } => "predict.mape_undefined",
            PredictEndogenousInteraction { .. } => "predict.endogenous_interaction",
            BlindfoldMissing { .. } => "blindfold.missing",
            BlindfoldDistance { .. } => "blindfold.distance",
            BlindfoldDistanceBeyondN { .. } => "blindfold.distance_beyond_n",
            SignReversed { .. } => "bootstrap.sign_reversed",
            IterationLimitPattern { .. } => "bootstrap.iteration_limit_pattern",
            HocRepeatedModeB { .. } => "estimate.hoc_repeated_mode_b",
            IpmaScaleExceeded { .. } => "ipma.scale_exceeded",
            Text { code, .. } => code,
        }
    }
}

impl Warning {
    pub fn new(kind: WarningKind) -> Self {
        Warning { kind }
    }
    pub fn code(&self) -> &str {
        self.kind.code()
    }
}


/// The options of a multigroup analysis and of the importance-performance map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GroupError {
    /// `--groups` text that is neither `COLUMN` nor `COLUMN<value`.
    BadSpec { text: String },
    /// A split at a value of a column that holds text.
    SplitOfText { column: String },
    /// Fewer than two groups (every row has the same value).
    TooFewGroups { column: String, found: usize },
    /// More distinct values than groups allowed (a continuous column?).
    /// `median`: a numeric column's median, where a split would halve it.
    TooManyGroups { column: String, found: usize, limit: usize, median: Option<f64> },
    /// A group with fewer rows than the model needs.
    GroupTooSmall { column: String, label: String, n: usize, minimum: usize },
    /// A file of permutations whose line is not a permutation of the rows.
    BadPermutation { line: usize, rows: usize },
    /// Recorded permutations are of two groups' pooled rows, but the
    /// grouping forms more groups.
    ReplayNeedsTwoGroups { column: String, found: usize },
    /// The IPMA target is not a construct of the model.
    IpmaTarget { name: String, constructs: Vec<String> },
    /// The IPMA target has no predecessors.
    IpmaNoPredecessors { name: String },
    /// `--ipma-scale` that is not `MIN,MAX` with MIN < MAX.
    IpmaScale { text: String },
    /// A multigroup analysis (`ipma` false) or an IPMA (`ipma` true) of a
    /// model whose higher-order constructs are estimated in two stages:
    /// their indicators are first-stage scores, not columns of the data,
    /// which MICOM's composites and the IPMA's rescaled indicators need.
    HigherOrderTwoStage { ipma: bool },
}

impl GroupError {
    pub fn code(&self) -> &'static str {
        match self {
            GroupError::BadSpec { .. } => "groups.bad_spec",
            GroupError::SplitOfText { .. } => "groups.split_of_text",
            GroupError::TooFewGroups { .. } => "groups.too_few",
            GroupError::TooManyGroups { .. } => "groups.too_many",
            GroupError::GroupTooSmall { .. } => "groups.too_small",
            GroupError::BadPermutation { .. } => "groups.bad_permutation",
            GroupError::ReplayNeedsTwoGroups { .. } => "groups.replay_needs_two_groups",
            GroupError::IpmaTarget { .. } => "ipma.unknown_target",
            GroupError::IpmaNoPredecessors { .. } => "ipma.no_predecessors",
            GroupError::IpmaScale { .. } => "ipma.bad_scale",
            GroupError::HigherOrderTwoStage { ipma: false } => "groups.higher_order_two_stage",
            GroupError::HigherOrderTwoStage { ipma: true } => "ipma.higher_order_two_stage",
        }
    }
}

impl From<GroupError> for Error {
    fn from(e: GroupError) -> Self {
        Error::new(ErrorKind::Groups(e))
    }
}

// `Display` (English, with the place) is implemented in `crate::messages`,
// where the words are.
impl std::error::Error for Error {}

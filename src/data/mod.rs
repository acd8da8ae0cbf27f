//! Reading data: CSV/XLSX bytes → [`Dataset`].

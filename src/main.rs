//! `plsweb` command-line program (native only).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let cli = plsweb::cli::Cli::parse();
    std::process::exit(plsweb::cli::run(cli));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

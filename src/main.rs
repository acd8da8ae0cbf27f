//! `plsweb` command-line program (native only).

/// The heap is mimalloc's: PLSpredict's folds allocate and free
/// predictions of a few hundred KB each, which glibc's malloc hands back to
/// the system and faults in again every time (measured: a 10 × 10
/// PLSpredict of ECSI 17–22 ms with glibc, 7–8 ms with mimalloc, one
/// thread; the bootstrap alike with either). The benchmark examples use it too.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let cli = plsweb::cli::Cli::parse();
    std::process::exit(plsweb::cli::run(cli));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

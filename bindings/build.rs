//! Link settings of the phones' library.
//!
//! Identical functions are folded into one (`--icf=all`, LLVM's linker: the
//! NDK's and Rust's default on Linux): generic code often compiles to the same
//! machine code for different types.
//!
//! Relative relocations are packed (RELR): the library's tables of pointers
//! (vtables, string tables) otherwise need one 24-byte relocation entry each,
//! about half a megabyte in all. Android reads packed relocations from API 28
//! (the apps' `minSdk`) with Android's own tags; glibc from 2.36. Apple
//! platforms have their own format (chained fixups) and need nothing here.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let packing: &[&str] = if target.contains("android") {
        &[
            "-Wl,--pack-dyn-relocs=android+relr",
            "-Wl,--use-android-relr-tags",
            "-Wl,--icf=all",
        ]
    } else if target.contains("linux-gnu") {
        &["-Wl,-z,pack-relative-relocs", "-Wl,--icf=all"]
    } else {
        &[]
    };
    for arg in packing {
        println!("cargo:rustc-cdylib-link-arg={arg}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

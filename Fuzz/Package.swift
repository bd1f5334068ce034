// swift-tools-version:6.0
// The libFuzzer target for the importer's CSV and JSON parsers. It is a
// package of its own so that the main package builds without sanitizers:
//   cd Fuzz && swift build -c debug --sanitize=fuzzer,address
// or `make fuzz` from the repository root.
import PackageDescription

let package = Package(
    name: "OrgModelFuzz",
    dependencies: [
        .package(name: "OrgModel", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "OrgImportFuzzer",
            dependencies: [.product(name: "OrgModel", package: "OrgModel")]
        )
    ]
)

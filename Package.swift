// swift-tools-version:6.1
import PackageDescription

/// evidence: a reference manager for the evidence base of implementation practice.
///
/// Dependencies point inward: `evidence` -> {Importers, EvidenceStore, Tagging, Exporters} -> CitationModel (-> the
/// C byte scans of `CByteScan`).
/// Only `EvidenceStore` imports GRDB, only the executable imports ArgumentParser, only `Importers` (JATS) uses libxml2.
let package = Package(
    name: "EvidenceBase",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "evidence", targets: ["evidence"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Byte scans over every byte of an input, 16 at a time with SSE2 (Swift's SIMD types compile to one byte at a time).
        .target(name: "CByteScan"),
        .target(name: "CitationModel", dependencies: ["CByteScan"]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // A per-thread bump allocator that libxml2 allocates from while the JATS importer parses and reads a document.
        .target(name: "CXMLArena"),
        // One C function: glibc's fast-bin limit, which Swift cannot set (mallopt is in <malloc.h>). Used by Importers.
        .target(name: "CAllocatorSetup"),
        .target(
            name: "Importers",
            dependencies: ["CitationModel", "CLibXML2", "CXMLArena", "CByteScan", "CAllocatorSetup"],
            path: "Importers"
        ),
        // One C function: SQLite set-up that Swift cannot call (sqlite3_config is variadic). Used by the store only.
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "EvidenceStore",
            dependencies: [
                "CitationModel", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the import's per-record statements (RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "Tagging", dependencies: ["CitationModel"]),
        .target(name: "Exporters", dependencies: ["CitationModel"]),
        .executableTarget(name: "DataEmbedder", path: "Sources/DataEmbedder"),
        .plugin(
            name: "EmbedData",
            capability: .buildTool(),
            dependencies: ["DataEmbedder"],
            path: "Sources/EmbedDataPlugin"
        ),
        .target(name: "BundledData", plugins: ["EmbedData"]),
        .executableTarget(
            name: "evidence",
            dependencies: [
                "CitationModel", "Importers", "EvidenceStore", "Tagging", "Exporters", "BundledData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "evidence-bench",
            dependencies: ["CitationModel", "Importers"],
            path: "Benchmarks/EvidenceBench"
        ),
        .testTarget(name: "CitationModelTests", dependencies: ["CitationModel"]),
        .testTarget(name: "ImportersTests", dependencies: ["Importers", "CitationModel", "CXMLArena"], exclude: ["Fixtures"]),
        // The store's tests also open store files with GRDB directly, to set up states a store cannot reach by itself.
        .testTarget(
            name: "EvidenceStoreTests",
            dependencies: ["EvidenceStore", "CitationModel", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TaggingTests", dependencies: ["Tagging", "CitationModel", "BundledData"]),
        .testTarget(name: "ExportersTests", dependencies: ["Exporters", "Importers", "CitationModel"], exclude: ["Fixtures"]),
        .testTarget(name: "EvidenceCLITests", dependencies: ["evidence"]),
    ],
    swiftLanguageModes: [.v6]
)

import CitationModel

/// Identifiers JATS gives by type (`article-id`, `pub-id`, `object-id`) or only inside links and text.
enum JATSIdentifiers {
    /// The identifier for a `pub-id-type` value and text, or nil for types that name no work identifier.
    ///
    /// JATS tag library, "pub-id-type": `doi`, `pmid`, `pmcid` (also `pmc`), `arxiv`, `isbn`; `medline` is a PMID in
    /// NLM 2.x files.
    static func identifier(type: String, value: String) -> Identifier? {
        switch type {
        case "doi": Identifier(.doi, value)
        case "pmid", "medline": Identifier(.pmid, value)
        case "pmcid", "pmc": Identifier(.pmcid, value)
        case "arxiv": Identifier(.arxiv, value)
        case "isbn": Identifier(.isbn, value)
        default: nil
        }
    }

    /// The DOI a link names: `https://doi.org/10...`, `http://dx.doi.org/10...`, `doi:10...`, or a bare `10.`.
    static func doi(fromLink link: String) -> Identifier? {
        let bytes = Array(link.utf8)
        if let end = endOfASCII("doi.org/", in: bytes) {
            return Identifier(.doi, String(decoding: bytes[end...], as: UTF8.self).removingPercentEscapesOfSlash())
        }
        if bytes.starts(with: Array("10.".utf8)) || bytes.prefix(4).map({ $0 | 0x20 }).elementsEqual("doi:".utf8) {
            return Identifier(.doi, link)
        }
        return nil
    }

    /// The offset just after the first occurrence of the lower-case ASCII `pattern` in `bytes`, ignoring case.
    static func endOfASCII(_ pattern: StaticString, in bytes: [UInt8]) -> Int? {
        let count = pattern.utf8CodeUnitCount
        guard bytes.count >= count else { return nil }
        let first = pattern.utf8Start[0]
        var index = 0
        while index + count <= bytes.count {
            if bytes[index] | 0x20 == first {
                var matched = 1
                while matched < count, bytes[index + matched] | 0x20 == pattern.utf8Start[matched] { matched += 1 }
                if matched == count { return index + count }
            }
            index += 1
        }
        return nil
    }

    /// The PMID a PubMed link names (`https://www.ncbi.nlm.nih.gov/pubmed/12345`, `pubmed.ncbi.nlm.nih.gov/12345`).
    static func pmid(fromLink link: String) -> Identifier? {
        let bytes = Array(link.utf8)
        guard endOfASCII("pubmed", in: bytes) != nil else { return nil }
        let tail = link.split(whereSeparator: { $0 == "/" || $0 == "=" || $0 == "?" }).last.map(String.init) ?? ""
        guard !tail.isEmpty, tail.allSatisfy(\.isASCIIDigit) else { return nil }
        return Identifier(.pmid, tail)
    }

    /// A DOI written in running text after `doi` (`doi: 10.1371/journal.pone.0019816.`), trailing punctuation removed.
    static func doi(inText text: String) -> Identifier? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 3 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x31, bytes[index + 1] == 0x30, bytes[index + 2] == 0x2E else { continue }
            let before = bytes[max(0, index - 12)..<index].map { $0 | 0x20 }
            guard before.indices.contains(where: { $0 + 2 < before.endIndex && before[$0] == 0x64 && before[$0 + 1] == 0x6F && before[$0 + 2] == 0x69 }) else {
                continue
            }
            var end = index + 3
            while end < bytes.count, bytes[end] > 0x20, bytes[end] != 0x3C, bytes[end] != 0x22 { end += 1 }
            var candidate = String(decoding: bytes[index..<end], as: UTF8.self)
            while let last = candidate.last, ".,;:)]".contains(last) { candidate.removeLast() }
            if let identifier = Identifier(.doi, candidate) { return identifier }
        }
        return nil
    }
}

extension String {
    /// Decodes `%2F` (an escaped slash), the one escape DOI links commonly carry.
    fileprivate func removingPercentEscapesOfSlash() -> String {
        guard utf8.contains(0x25) else { return self }
        // One pass over the bytes: a `/` put in cannot start or end another `%2F`.
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count, bytes[index + 1] == 0x32, bytes[index + 2] | 0x20 == 0x66 {
                result.append(0x2F)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

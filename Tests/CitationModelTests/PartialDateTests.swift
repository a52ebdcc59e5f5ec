import CitationModel
import Testing

/// Dates of one year made from the shared table are the dates `PartialDate(year:)` makes, and stay values.
@Suite struct PartialDateTests {
    @Test(arguments: [-44, 0, 999, 1000, 1986, 2199, 2200, 12_000])
    func aYearFromTheTableIsTheDateOfThatYear(year: Int) {
        let date = PartialDate.ofYear(year)
        #expect(date == PartialDate(year: year))
        #expect(date.year == year)
        #expect(date.parts == [PartialDate.Parts(year: year)])
        #expect(date.season == nil && date.raw == nil && date.literal == nil && !date.circa)
    }

    @Test func changingOneCopyLeavesTheTableAndOtherCopiesAlone() {
        var changed = PartialDate.ofYear(1986)
        let other = PartialDate.ofYear(1986)
        changed.parts[0] = PartialDate.Parts(year: 1986, month: 5, day: 2)
        changed.parts.append(PartialDate.Parts(year: 1987))
        changed.raw = "1986-05-02/1987"
        #expect(other == PartialDate(year: 1986))
        #expect(PartialDate.ofYear(1986) == PartialDate(year: 1986))
        #expect(changed.parts.count == 2)
    }
}

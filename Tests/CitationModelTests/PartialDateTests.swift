import CitationModel
import Testing

/// Dates of one year, shared from a table for common years, are the dates their parts make, and stay values.
@Suite struct PartialDateTests {
    @Test(arguments: [-44, 0, 999, 1000, 1986, 2199, 2200, 12_000])
    func aYearIsTheDateOfThatYear(year: Int) {
        let date = PartialDate(year: year)
        #expect(date == PartialDate(parts: [PartialDate.Parts(year: year)]))
        #expect(date.year == year)
        #expect(date.parts == [PartialDate.Parts(year: year)])
        #expect(date.season == nil && date.raw == nil && date.literal == nil && !date.circa)
    }

    @Test func changingOneCopyLeavesTheTableAndOtherCopiesAlone() {
        var changed = PartialDate(year: 1986)
        let other = PartialDate(year: 1986)
        changed.parts[0] = PartialDate.Parts(year: 1986, month: 5, day: 2)
        changed.parts.append(PartialDate.Parts(year: 1987))
        changed.raw = "1986-05-02/1987"
        #expect(other == PartialDate(parts: [PartialDate.Parts(year: 1986)]))
        #expect(PartialDate(year: 1986) == PartialDate(parts: [PartialDate.Parts(year: 1986)]))
        #expect(changed.parts.count == 2)
    }

    @Test func aYearWithAMonthOrDayIsItsOwn() {
        #expect(PartialDate(year: 1986, month: 5).parts == [PartialDate.Parts(year: 1986, month: 5)])
        #expect(PartialDate(year: 1986, month: 5, day: 2).parts == [PartialDate.Parts(year: 1986, month: 5, day: 2)])
        // A day without a month is dropped, as `Parts` has it.
        #expect(PartialDate(year: 1986, day: 2) == PartialDate(year: 1986))
    }

    /// ISO 8601 / EDTF level-0 dates and intervals are read, with circa marks; near misses are not dates.
    @Test func readsISO8601DatesAndIntervals() {
        let read: [(String, PartialDate)] = [
            ("2021", PartialDate(parts: [.init(year: 2021)])),
            (" 2021-03\t", PartialDate(parts: [.init(year: 2021, month: 3)])),
            ("2021-03-01", PartialDate(parts: [.init(year: 2021, month: 3, day: 1)])),
            ("2021-21", PartialDate(parts: [.init(year: 2021, month: 21)])),
            ("2020/2021", PartialDate(parts: [.init(year: 2020), .init(year: 2021)])),
            ("2021-03-01/2021-04-30", PartialDate(parts: [.init(year: 2021, month: 3, day: 1), .init(year: 2021, month: 4, day: 30)])),
            ("2021~", PartialDate(parts: [.init(year: 2021)], circa: true)),
            ("2021-03?", PartialDate(parts: [.init(year: 2021, month: 3)], circa: true)),
        ]
        for (text, date) in read { #expect(PartialDate.iso8601(text) == date, "\(text)") }
        for text in ["", "21", "20211", "2021-3", "2021-25", "2021-03-32", "2021-03-", "2021-03-01-05", "2020/2021/2022", "２０２１", "2021\u{301}", "May 2021"] {
            #expect(PartialDate.iso8601(text) == nil, "\(text)")
        }
    }
}

import Testing
@testable import PlacePlanCore

@Suite("Births alignment to the entry cohort")
struct BirthsBasisTests {
    let births: [Int: Double] = [2014: 1200, 2015: 1500, 2016: 1800]

    @Test("calendar: 4/12 of the earlier year plus 8/12 of the later")
    func calendar() {
        // Reception 2020 (entry age 4): born Sep 2015 – Aug 2016 = 4/12·C(2015) + 8/12·C(2016).
        let value = BirthsBasis.calendar.cohortBirths(entryYear: 2020, entryAge: 4) { births[$0] }
        #expect(value == 1500.0 * 4 / 12 + 1800.0 * 8 / 12)
    }

    @Test("mid-year: the July–June year ending in Y − entry age")
    func midYear() {
        #expect(BirthsBasis.midYear.cohortBirths(entryYear: 2020, entryAge: 4) { births[$0] } == 1800)
    }

    @Test("academic: the September–August year starting in Y − entry age − 1")
    func academic() {
        #expect(BirthsBasis.academic.cohortBirths(entryYear: 2020, entryAge: 4) { births[$0] } == 1500)
    }

    @Test("US kindergarten (entry age 5) reaches one year further back")
    func usLadder() {
        #expect(BirthsBasis.midYear.cohortBirths(entryYear: 2020, entryAge: Ladder.us.entryAge) { births[$0] } == 1500)
    }

    @Test("an unknown year gives nil, never zero")
    func unknown() {
        #expect(BirthsBasis.calendar.cohortBirths(entryYear: 2018, entryAge: 4) { births[$0] } == nil)  // needs C(2013)
        #expect(BirthsBasis.midYear.cohortBirths(entryYear: 2030, entryAge: 4) { births[$0] } == nil)
    }
}

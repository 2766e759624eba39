import Testing
@testable import PlacePlanCore

@Suite("School places: year groups, phases, growth")
struct SchoolCapacityTests {
    @Test("a primary school: PAN in each primary year group, net capacity in the primary phase")
    func primary() {
        let school = primarySchool("A", pan: 45, net: 310)
        #expect(school.capacity(yearGroup: 0, year: 2024, layout: englandLayout) == 45)
        #expect(school.capacity(yearGroup: 6, year: 2024, layout: englandLayout) == 45)
        #expect(school.capacity(yearGroup: 7, year: 2024, layout: englandLayout) == 0)
        #expect(school.capacity(phase: .primary, year: 2024, layout: englandLayout) == 310)
        #expect(school.capacity(phase: .secondary, year: 2024, layout: englandLayout) == 0)
        #expect(school.phases(layout: englandLayout) == [.primary])
    }

    @Test("a secondary school's sixth form: its own places, split over Y12 and Y13 (the odd one to Y12)")
    func sixthForm() {
        let school = secondarySchool("X", pan: 180, sixthForm: 45)
        #expect(school.capacity(yearGroup: 12, year: 2024, layout: englandLayout) == 23)
        #expect(school.capacity(yearGroup: 13, year: 2024, layout: englandLayout) == 22)
        #expect(school.capacity(phase: .sixthForm, year: 2024, layout: englandLayout) == 45)
        #expect(school.capacity(phase: .secondary, year: 2024, layout: englandLayout) == 900)
        #expect(!secondarySchool("Y").teaches(12, layout: englandLayout))
        #expect(secondarySchool("Y").phases(layout: englandLayout) == [.secondary])
    }

    @Test("an all-through school splits its main capacity 7 × PAN : 5 × secondary PAN")
    func allThrough() {
        // Net 1,000 = 900 main + 100 sixth form; places 7 × 30 = 210 primary, 5 × 120 = 600 secondary.
        let school = School(code: "T", name: "T", phase: .allThrough, primaryArea: "PA", secondaryArea: "SA",
                            capacity: SchoolCapacity(net: 1000, pan: 30, secondaryPAN: 120, sixthForm: 100))
        #expect(school.capacity(yearGroup: 0, year: 2024, layout: englandLayout) == 30)
        #expect(school.capacity(yearGroup: 7, year: 2024, layout: englandLayout) == 120)
        let primary = school.capacity(phase: .primary, year: 2024, layout: englandLayout)
        let secondary = school.capacity(phase: .secondary, year: 2024, layout: englandLayout)
        #expect(primary == Int((900.0 * 210 / 810).rounded()))
        #expect(primary + secondary == 900)
        #expect(school.capacity(phase: .sixthForm, year: 2024, layout: englandLayout) == 100)
        #expect(school.area(for: 3, layout: englandLayout) == "PA" && school.area(for: 9, layout: englandLayout) == "SA")
    }

    @Test("a new school's places arrive a year group a year; a closed school has none")
    func growthAndClosure() {
        let school = primarySchool("N", pan: 30, opened: 2020, closed: 2031)
        #expect(school.capacity(phase: .primary, year: 2019, layout: englandLayout) == 0)
        #expect(school.capacity(phase: .primary, year: 2020, layout: englandLayout) == 30)
        #expect(school.capacity(yearGroup: 1, year: 2020, layout: englandLayout) == 0)
        #expect(school.capacity(phase: .primary, year: 2022, layout: englandLayout) == 90)
        #expect(school.capacity(phase: .primary, year: 2026, layout: englandLayout) == 210)
        #expect(school.capacity(phase: .primary, year: 2030, layout: englandLayout) == 210)
        #expect(school.capacity(phase: .primary, year: 2031, layout: englandLayout) == 0)
        #expect(school.hasReached(2, in: 2022, layout: englandLayout) && !school.hasReached(3, in: 2022, layout: englandLayout))
    }

    @Test("the England ladder divides into primary, secondary and sixth form; the US ladder does not")
    func layout() {
        #expect(englandLayout.primary == 0...6 && englandLayout.secondary == 7...11 && englandLayout.sixthForm == 12...13)
        #expect(englandLayout.transferFrom == 6 && englandLayout.transferTo == 7)
        #expect(PhaseLayout(ladder: .us) == nil)
    }
}

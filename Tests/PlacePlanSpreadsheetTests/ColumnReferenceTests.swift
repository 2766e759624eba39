import Testing
@testable import PlacePlanSpreadsheet

@Suite("Column letters")
struct ColumnReferenceTests {
    @Test("known columns, including each change of width", arguments: [
        (1, "A"), (2, "B"), (26, "Z"), (27, "AA"), (28, "AB"), (52, "AZ"), (53, "BA"),
        (702, "ZZ"), (703, "AAA"), (16_384, "XFD"),
    ])
    func known(column: Int, letters: String) {
        #expect(ColumnReference.letters(column) == letters)
        #expect(ColumnReference.column(letters) == column)
    }

    @Test("letters and numbers are inverse for every column Excel has, and increase in order")
    func roundTrip() {
        var previous = ""
        for n in 1...ColumnReference.maximumColumn {
            let letters = ColumnReference.letters(n)
            #expect(ColumnReference.column(letters) == n)
            // Shorter sorts first, then alphabetical: the order a spreadsheet shows.
            #expect(previous.count < letters.count || (previous.count == letters.count && previous < letters))
            previous = letters
        }
    }

    @Test("cell references and what is not a column")
    func references() {
        #expect(ColumnReference.cell(column: 1, row: 1) == "A1")
        #expect(ColumnReference.cell(column: 28, row: 1_048_576) == "AB1048576")
        #expect(ColumnReference.column("ab") == 28)
        #expect(ColumnReference.column("") == nil)
        #expect(ColumnReference.column("A1") == nil)
        #expect(ColumnReference.column("Ä") == nil)
        #expect(ColumnReference.column(String(repeating: "Z", count: 40)) == nil)
    }
}

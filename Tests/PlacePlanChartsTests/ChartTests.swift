import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PlacePlanCharts

@Suite("Chart geometry")
struct ChartTests {
    @Test("nice steps come from 1, 2, 5 × 10ⁿ", arguments: [
        (1000.0, 5, 200.0), (37.0, 5, 10.0), (0.3, 5, 0.05), (12_345.0, 5, 2000.0), (9.0, 9, 1.0),
    ])
    func steps(span: Double, target: Int, expected: Double) {
        #expect(abs(NiceTicks.step(span: span, target: target) - expected) < 1e-12)
    }

    @Test("ticks cover the data with whole steps")
    func ticks() {
        let (domain, ticks) = NiceTicks.ticks(covering: 3...97, target: 5)
        #expect(domain == 0...100)
        #expect(ticks == [0, 20, 40, 60, 80, 100])
        let flat = NiceTicks.ticks(covering: 50...50)
        #expect(flat.ticks.count >= 2 && flat.domain.lowerBound <= 50 && flat.domain.upperBound >= 50)
    }

    @Test("scales map domain ends to range ends, also backwards, and survive a zero-width domain")
    func scales() {
        let y = LinearScale(domain: 0...100, range: (300, 20))
        #expect(y(0) == 300 && y(100) == 20 && y(50) == 160)
        let point = LinearScale(domain: 5...5, range: (0, 10))
        #expect(point(5) == 5)
    }

    func chart(names: [String] = ["Primary history", "Primary forecast", "Capacity"]) -> LineChart {
        LineChart(title: "Area P1", yLabel: "pupils", series: [
            .init(name: names[0], points: (2015...2019).map { .init(x: Double($0), y: 1000 + Double($0 - 2015) * 20) }),
            .init(name: names[1], points: (2019...2024).map { .init(x: Double($0), y: 1080 + Double($0 - 2019) * 15) }, style: .dashed,
                  band: (2020...2024).map { (x: Double($0), lower: 1050.0, upper: 1200.0) }),
            .init(name: names[2], points: [.init(x: 2015, y: 1100), .init(x: 2020, y: 1130), .init(x: 2024, y: 1130)], style: .capacity),
        ])
    }

    @Test("every point and band lies inside the plot area; the y axis starts at zero")
    func inside() {
        let c = chart()
        let l = c.layout()
        #expect(l.y.domain.lowerBound == 0 && l.y.domain.upperBound >= 1200)
        for s in c.series {
            for p in s.points {
                #expect((l.left...l.right).contains(l.x(p.x)) && (l.top...l.bottom).contains(l.y(p.y)))
            }
            for b in s.band { #expect((l.top...l.bottom).contains(l.y(b.upper))) }
        }
        #expect(l.xTicks == (2015...2024).map(Double.init))
    }

    @Test("the SVG is well-formed XML with one line per series, a band, a step line and a legend entry each")
    func svg() throws {
        let text = chart().svg()
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(text.components(separatedBy: "<polyline class=\"series\"").count - 1 == 3)
        #expect(text.components(separatedBy: "<g class=\"legend\">").count - 1 == 3)
        #expect(text.contains("<polygon class=\"band\""))
        #expect(text.contains("stroke-dasharray"))
        // The capacity step line: 3 points become 5 (a horizontal then vertical segment per change).
        let capacity = try #require(text.split(separator: "\n").first { $0.contains("data-name=\"Capacity\"") })
        let points = try #require(capacity.split(separator: "\"").dropFirst(5).first)
        #expect(points.split(separator: " ").count == 5)
    }

    @Test("hostile names render as text")
    func escaping() {
        let text = chart(names: ["<script>alert(1)</script>", "A & B \"quoted\"", "Cap'acity"]).svg()
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(text.contains("A &amp; B &quot;quoted&quot;"))
        #expect(Markup.escape("a\u{01}b") == "ab")
    }

    @Test("coordinates are locale-free and short")
    func coordinates() {
        #expect(Markup.coordinate(12.0) == "12")
        #expect(Markup.coordinate(12.345) == "12.35")
        #expect(Markup.coordinate(-0.5) == "-0.5")
    }
}

@Suite("Waterfall chart")
struct WaterfallChartTests {
    @Test("each step floats from where the last ended; rises and falls differ in colour and are labelled with their sign; names are escaped")
    func bars() {
        let chart = WaterfallChart(title: "North <S1>", before: ("before", 1000),
                                   steps: [.init(name: "census", change: -80), .init(name: "births", change: 30)], after: ("after", 950))
        let bars = chart.bars
        #expect(bars.map(\.from) == [0, 1000, 920, 0] && bars.map(\.to) == [1000, 920, 950, 950])
        #expect(bars.map(\.kind) == [.total, .fall, .rise, .total])
        let svg = chart.svg()
        #expect(svg.contains("North &lt;S1&gt;") && !svg.contains("<S1>"))
        #expect(svg.contains(">-80<") && svg.contains(">+30<"))
        #expect(svg.contains(Palette.colours[5]) && svg.contains(Palette.colours[0]))
        #expect(svg.contains("axis from"), "a waterfall of 80 on 1,000 starts its axis above 0, and says so")
    }
}

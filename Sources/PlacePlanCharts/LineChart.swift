/// A line chart of pupils over years, drawn as standalone SVG: history as solid lines, forecasts
/// dashed, prediction intervals as shaded bands, capacity as a dash-dot step line in its phase's
/// colour (black without one) labelled where it ends, with axes, nice ticks, gridlines, a legend
/// and a title. Everything a user named is escaped.
public struct LineChart: Sendable {
    public struct Point: Equatable, Sendable {
        public let x: Double
        public let y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    public struct Series: Sendable {
        public enum Style: Sendable { case solid, dashed, capacity }
        public let name: String
        public let points: [Point]
        public let style: Style
        /// (x, lower, upper) for a shaded interval band, drawn beneath the line.
        public let band: [(x: Double, lower: Double, upper: Double)]
        /// Palette slot; series that share one (a phase's history and its forecast) share a colour.
        public let colour: Int?
        public init(name: String, points: [Point], style: Style = .solid, band: [(x: Double, lower: Double, upper: Double)] = [],
                    colour: Int? = nil) {
            self.name = name
            self.points = points
            self.style = style
            self.band = band
            self.colour = colour
        }
    }

    public var title: String
    public var yLabel: String
    public var series: [Series]
    public var width: Double = 640
    public var height: Double = 320
    /// Labels for x ticks (years → "2019/20"); default: the number itself.
    public var xLabel: @Sendable (Double) -> String = { Markup.coordinate($0) }
    /// Labels for y ticks (pupils → "12,000"); default: the number itself.
    public var yTickLabel: @Sendable (Double) -> String = { Markup.coordinate($0) }
    /// Start the y axis at zero (honest for counts) rather than at the data's minimum.
    public var yFromZero = true

    public init(title: String, yLabel: String, series: [Series]) {
        self.title = title
        self.yLabel = yLabel
        self.series = series
    }

    /// The plot area inside the margins left for title, axis labels and legend.
    public struct Layout: Equatable, Sendable {
        public let left: Double, right: Double, top: Double, bottom: Double
        public let x: LinearScale
        public let y: LinearScale
        public let xTicks: [Double]
        public let yTicks: [Double]
    }

    public func layout() -> Layout {
        let xs = series.flatMap { $0.points.map(\.x) + $0.band.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.lower, $0.upper] } }.filter(\.isFinite)
        let xDomain = (xs.min() ?? 0)...(xs.max() ?? 1)
        let yLow = yFromZero ? min(0, ys.min() ?? 0) : (ys.min() ?? 0)
        let (yDomain, yTicks) = NiceTicks.ticks(covering: yLow...(ys.max() ?? 1), target: 5)
        // Room for the widest y tick label and the rotated axis title; half the widest x label
        // on the right so the last year is not cut off.
        let widestY = Double(yTicks.map { yTickLabel($0).count }.max() ?? 1) * Self.characterWidth
        let widestX = Double(xLabel(xDomain.upperBound).count) * Self.characterWidth
        let left = 30 + widestY, right = width - max(16, widestX / 2 + 4), top = 36.0, bottom = height - 64
        // Years are whole: tick every year when few, else every 2 or 5.
        let span = xDomain.upperBound - xDomain.lowerBound
        let xStep = span <= 10 ? 1.0 : span <= 20 ? 2 : 5
        let xTicks = stride(from: xDomain.lowerBound.rounded(.up), through: xDomain.upperBound, by: xStep).map { $0 }
        return Layout(left: left, right: right, top: top, bottom: bottom,
                      x: LinearScale(domain: xDomain, range: (left, right)),
                      y: LinearScale(domain: yDomain, range: (bottom, top)),
                      xTicks: xTicks, yTicks: yTicks)
    }

    /// Approximate width of a character at the 12px font used for labels.
    static let characterWidth = 7.0

    public func svg() -> String {
        let l = layout()
        let c = Markup.coordinate
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(Markup.escape(title))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<title>\(Markup.escape(title))</title>\n"
        out += "<text x=\"\(c(l.left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"\(Palette.ink)\">\(Markup.escape(title))</text>\n"
        // Gridlines and y ticks.
        for tick in l.yTicks {
            let y = l.y(tick)
            out += "<line class=\"grid\" x1=\"\(c(l.left))\" y1=\"\(c(y))\" x2=\"\(c(l.right))\" y2=\"\(c(y))\" stroke=\"\(Palette.grid)\"/>\n"
            out += "<text class=\"ytick\" x=\"\(c(l.left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\" fill=\"\(Palette.ink)\">\(Markup.escape(yTickLabel(tick)))</text>\n"
        }
        for tick in l.xTicks {
            let x = l.x(tick)
            out += "<line x1=\"\(c(x))\" y1=\"\(c(l.bottom))\" x2=\"\(c(x))\" y2=\"\(c(l.bottom + 4))\" stroke=\"\(Palette.ink)\"/>\n"
            out += "<text class=\"xtick\" x=\"\(c(x))\" y=\"\(c(l.bottom + 18))\" text-anchor=\"middle\" fill=\"\(Palette.ink)\">\(Markup.escape(xLabel(tick)))</text>\n"
        }
        // Axes.
        out += "<line x1=\"\(c(l.left))\" y1=\"\(c(l.bottom))\" x2=\"\(c(l.right))\" y2=\"\(c(l.bottom))\" stroke=\"\(Palette.ink)\"/>\n"
        out += "<line x1=\"\(c(l.left))\" y1=\"\(c(l.top))\" x2=\"\(c(l.left))\" y2=\"\(c(l.bottom))\" stroke=\"\(Palette.ink)\"/>\n"
        out += "<text x=\"14\" y=\"\(c((l.top + l.bottom) / 2))\" transform=\"rotate(-90 14 \(c((l.top + l.bottom) / 2)))\" text-anchor=\"middle\" fill=\"\(Palette.ink)\">\(Markup.escape(yLabel))</text>\n"

        var colourIndex = 0
        var legend: [(name: String, colour: String, style: Series.Style)] = []
        for s in series {
            let colour: String
            // Capacity takes its phase's colour when given (told apart by its dash-dot line and
            // its label), black otherwise.
            if let fixed = s.colour {
                colour = Palette.colour(fixed)
            } else if s.style == .capacity {
                colour = Palette.colours[7]
            } else {
                colour = Palette.colour(colourIndex)
                colourIndex += 1
            }
            if !s.band.isEmpty {
                let upper = s.band.map { "\(c(l.x($0.x))),\(c(l.y($0.upper)))" }
                let lower = s.band.reversed().map { "\(c(l.x($0.x))),\(c(l.y($0.lower)))" }
                out += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            }
            guard !s.points.isEmpty else { continue }
            let path: String
            if s.style == .capacity {
                // Capacity changes at the start of a year and holds through it: a step line.
                var steps: [String] = []
                for (i, p) in s.points.enumerated() {
                    if i > 0 { steps.append("\(c(l.x(p.x))),\(c(l.y(s.points[i - 1].y)))") }
                    steps.append("\(c(l.x(p.x))),\(c(l.y(p.y)))")
                }
                path = steps.joined(separator: " ")
            } else {
                path = s.points.map { "\(c(l.x($0.x))),\(c(l.y($0.y)))" }.joined(separator: " ")
            }
            let dash = Self.dash(s.style)
            let widthAttribute = s.style == .capacity ? "2.5" : "2"
            out += "<polyline class=\"series\" data-name=\"\(Markup.escape(s.name))\" points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(widthAttribute)\"\(dash)/>\n"
            // Capacity lines are labelled where they end, so each is named on the chart itself.
            if s.style == .capacity, let last = s.points.last {
                out += "<text class=\"direct-label\" x=\"\(c(l.x(last.x) - 2))\" y=\"\(c(l.y(last.y) - 6))\" text-anchor=\"end\" "
                out += "font-size=\"11\" fill=\"\(colour)\">\(Markup.escape(s.name))</text>\n"
            }
            if s.points.count == 1 {
                out += "<circle cx=\"\(c(l.x(s.points[0].x)))\" cy=\"\(c(l.y(s.points[0].y)))\" r=\"3\" fill=\"\(colour)\"/>\n"
            }
            legend.append((s.name, colour, s.style))
        }
        // Legend: one row under the x labels, wrapping when it runs out of width.
        var x = l.left, y = l.bottom + 40
        for entry in legend {
            let textWidth = Double(entry.name.count) * Self.characterWidth + 34
            if x + textWidth > width - 8, x > l.left { x = l.left; y += 16 }
            let dash = Self.dash(entry.style)
            out += "<g class=\"legend\"><line x1=\"\(c(x))\" y1=\"\(c(y - 4))\" x2=\"\(c(x + 22))\" y2=\"\(c(y - 4))\" stroke=\"\(entry.colour)\" stroke-width=\"2\"\(dash)/>"
            out += "<text x=\"\(c(x + 28))\" y=\"\(c(y))\" fill=\"\(Palette.ink)\">\(Markup.escape(entry.name))</text></g>\n"
            x += textWidth
        }
        out += "</svg>\n"
        return out
    }

    /// Solid for actuals, dashed for a forecast, dash-dot for capacity.
    static func dash(_ style: Series.Style) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"6 4\""
        case .capacity: return " stroke-dasharray=\"10 3 2 3\""
        }
    }
}

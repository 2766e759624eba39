/// A waterfall chart as standalone SVG: the forecast before, each input's step up or down
/// floating from where the last one ended, and the forecast after — so a reader sees how the
/// old figure became the new one. Rises blue, falls vermillion (Okabe–Ito, distinct in colour
/// blindness, and labelled with their signed size so colour is never the only cue).
public struct WaterfallChart: Sendable {
    public struct Step: Equatable, Sendable {
        public let name: String
        public let change: Double
        public init(name: String, change: Double) {
            self.name = name
            self.change = change
        }
    }

    public var title: String
    public var before: (name: String, value: Double)
    public var steps: [Step]
    public var after: (name: String, value: Double)
    public var width: Double = 560
    public var height: Double = 260
    /// Labels for values (pupils → "12,000", changes → "+164").
    public var valueLabel: @Sendable (Double) -> String = { Markup.coordinate($0) }
    public var changeLabel: @Sendable (Double) -> String = { ($0 > 0 ? "+" : "") + Markup.coordinate($0) }

    public init(title: String, before: (name: String, value: Double), steps: [Step], after: (name: String, value: Double)) {
        self.title = title
        self.before = before
        self.steps = steps
        self.after = after
    }

    /// One bar: its name, where it starts and ends (in data units), and its kind.
    public struct Bar: Equatable, Sendable {
        public enum Kind: Sendable { case total, rise, fall }
        public let name: String
        public let from: Double
        public let to: Double
        public let kind: Kind
    }

    /// The bars in order: the total before, each step from the running total, the total after.
    public var bars: [Bar] {
        var running = before.value
        var bars = [Bar(name: before.name, from: 0, to: before.value, kind: .total)]
        for step in steps {
            bars.append(Bar(name: step.name, from: running, to: running + step.change, kind: step.change >= 0 ? .rise : .fall))
            running += step.change
        }
        return bars + [Bar(name: after.name, from: 0, to: after.value, kind: .total)]
    }

    public func svg() -> String {
        let bars = self.bars
        let left = 70.0, right = width - 12, top = 30.0, bottom = height - 44
        // The y axis shows the part that moves: from a little below the lowest running total
        // (a waterfall of a few hundred on 30,000 would otherwise be invisible), not from zero;
        // the total bars are drawn to the axis and the break said in the axis label.
        let levels = bars.flatMap { $0.kind == .total ? [$0.to] : [$0.from, $0.to] }
        let low = levels.min() ?? 0, high = levels.max() ?? 1
        let pad = max((high - low) * 0.25, 1)
        let (domain, ticks) = NiceTicks.ticks(covering: max(0, low - pad)...(high + pad / 2))
        let y = LinearScale(domain: domain, range: (bottom, top))
        let slot = (right - left) / Double(max(bars.count, 1)), barWidth = slot * 0.6
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))\" "
        out += "role=\"img\" aria-label=\"\(Markup.escape(title))\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n"
        out += "<text x=\"\(Markup.coordinate(left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\" fill=\"\(Palette.ink)\">\(Markup.escape(title))</text>\n"
        for tick in ticks {
            let ty = Markup.coordinate(y(tick))
            out += "<line x1=\"\(Markup.coordinate(left))\" x2=\"\(Markup.coordinate(right))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"\(Palette.grid)\"/>\n"
            out += "<text x=\"\(Markup.coordinate(left - 6))\" y=\"\(ty)\" dy=\"0.32em\" text-anchor=\"end\" fill=\"\(Palette.ink)\">\(Markup.escape(valueLabel(tick)))</text>\n"
        }
        for (i, bar) in bars.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            let base = bar.kind == .total ? domain.lowerBound : bar.from
            let y1 = y(max(base, bar.to)), y2 = y(min(base, bar.to))
            let colour = bar.kind == .total ? "#777777" : (bar.kind == .rise ? Palette.colours[0] : Palette.colours[5])
            out += "<rect x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y1))\" width=\"\(Markup.coordinate(barWidth))\" "
            out += "height=\"\(Markup.coordinate(max(y2 - y1, 1)))\" fill=\"\(colour)\"><title>\(Markup.escape(bar.name))</title></rect>\n"
            let label = bar.kind == .total ? valueLabel(bar.to) : changeLabel(bar.to - bar.from)
            out += "<text x=\"\(Markup.coordinate(x + barWidth / 2))\" y=\"\(Markup.coordinate(y1 - 4))\" text-anchor=\"middle\" "
            out += "fill=\"\(Palette.ink)\">\(Markup.escape(label))</text>\n"
            out += "<text x=\"\(Markup.coordinate(x + barWidth / 2))\" y=\"\(Markup.coordinate(bottom + 14))\" text-anchor=\"middle\" "
            out += "fill=\"\(Palette.ink)\">\(Markup.escape(bar.name))</text>\n"
            if i + 1 < bars.count, bar.kind != .total || i == 0 {
                // A thin connector from this bar's end to the next bar's start.
                let nextX = left + slot * Double(i + 1) + (slot - barWidth) / 2
                let cy = Markup.coordinate(y(bar.to))
                out += "<line x1=\"\(Markup.coordinate(x + barWidth))\" x2=\"\(Markup.coordinate(nextX))\" y1=\"\(cy)\" y2=\"\(cy)\" stroke=\"#999999\" stroke-dasharray=\"2 2\"/>\n"
            }
        }
        out += "<line x1=\"\(Markup.coordinate(left))\" x2=\"\(Markup.coordinate(right))\" y1=\"\(Markup.coordinate(bottom))\" "
        out += "y2=\"\(Markup.coordinate(bottom))\" stroke=\"\(Palette.ink)\"/>\n"
        if domain.lowerBound > 0 {
            out += "<text x=\"\(Markup.coordinate(left))\" y=\"\(Markup.coordinate(height - 8))\" fill=\"#555555\">"
            out += "axis from \(Markup.escape(valueLabel(domain.lowerBound))), not 0: the totals' bars are cut</text>\n"
        }
        return out + "</svg>\n"
    }
}

package io.netpulse.query.ip;

import io.netpulse.schema.aggregate.TrafficScopeStats;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The seed's {@code method}: which statistic of a period's base samples is its value. Sums, minima and maxima are
 * whole byte counts; an average is the sum divided by the number of samples to 16 significant digits (what a
 * double holds), written without an exponent and without trailing zeros: 49210633 / 143 = 344130.3006993007.
 */
public enum TrafficMethod {
    /** sum / count. */
    AVG("avg"),
    /** The sum of the samples' bytes. */
    SUM("sum"),
    /** The smallest sample. */
    MIN("min"),
    /** The largest sample. */
    MAX("max");

    private final String text;

    TrafficMethod(String text) {
        this.text = text;
    }

    /** The query parameter value. */
    public String text() {
        return text;
    }

    /** The value of a period with at least one sample. */
    public BigDecimal valueOf(TrafficScopeStats stats) {
        return switch (this) {
            case AVG -> plain(BigDecimal.valueOf(stats.getSum())
                    .divide(BigDecimal.valueOf(stats.getCount()), MathContext.DECIMAL64));
            case SUM -> BigDecimal.valueOf(stats.getSum());
            case MIN -> BigDecimal.valueOf(stats.getMin());
            case MAX -> BigDecimal.valueOf(stats.getMax());
        };
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

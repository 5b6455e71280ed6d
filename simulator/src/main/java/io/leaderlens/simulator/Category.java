package io.leaderlens.simulator;

/** Product categories with the price range of one unit, in cents, and how often members buy them. */
public enum Category {
    FRESH_PRODUCE("fresh_produce", 290, 2_990, 30),
    STAPLES("staples", 1_290, 7_990, 18),
    SNACKS("snacks", 390, 2_990, 20),
    MOTHER_BABY("mother_baby", 4_990, 29_900, 8),
    BEAUTY("beauty", 2_990, 39_900, 6),
    HOUSEHOLD("household", 890, 5_990, 18);

    private final String code;
    private final long minPriceCents;
    private final long maxPriceCents;
    private final int weight;

    Category(String code, long minPriceCents, long maxPriceCents, int weight) {
        this.code = code;
        this.minPriceCents = minPriceCents;
        this.maxPriceCents = maxPriceCents;
        this.weight = weight;
    }

    public String code() {
        return code;
    }

    public long minPriceCents() {
        return minPriceCents;
    }

    public long maxPriceCents() {
        return maxPriceCents;
    }

    public int weight() {
        return weight;
    }
}

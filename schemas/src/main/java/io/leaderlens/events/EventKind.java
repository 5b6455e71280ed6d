package io.leaderlens.events;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The five families of platform events, each with its own Avro record and its own Kafka topic. Every family but
 * campaigns happens at a leader (its events name the leader); a campaign is the platform's.
 */
public enum EventKind {
    ORDER(OrderEvent.class, OrderEvent.getClassSchema(), "events.order"),
    GROUP_BUY(GroupBuyEvent.class, GroupBuyEvent.getClassSchema(), "events.group-buy"),
    REFERRAL(ReferralEvent.class, ReferralEvent.getClassSchema(), "events.referral"),
    COUPON(CouponEvent.class, CouponEvent.getClassSchema(), "events.coupon"),
    CAMPAIGN(CampaignEvent.class, CampaignEvent.getClassSchema(), "events.campaign");

    private final Class<? extends SpecificRecord> recordClass;
    private final Schema schema;
    private final String defaultTopic;

    EventKind(Class<? extends SpecificRecord> recordClass, Schema schema, String defaultTopic) {
        this.recordClass = recordClass;
        this.schema = schema;
        this.defaultTopic = defaultTopic;
    }

    /** Whether its events name the leader they happen at (everything keyed per leader reads only these). */
    public boolean atALeader() {
        return this != CAMPAIGN;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return schema;
    }

    /** Topic name used when the configuration does not override it. */
    public String defaultTopic() {
        return defaultTopic;
    }

    public static EventKind of(SpecificRecord record) {
        for (EventKind kind : values()) {
            if (kind.recordClass.isInstance(record)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a platform event: " + record.getClass().getName());
    }

    public static EventKind ofSchemaName(String name) {
        for (EventKind kind : values()) {
            if (kind.schema.getName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown event schema '" + name + "'");
    }
}

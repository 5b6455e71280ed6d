package io.leaderlens.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The simulated platform: leaders in communities of cities, their members, and the product catalogue. */
final class World {
    record Product(String id, Category category, long priceCents) {}

    record Leader(String id, String userId, String city, String community, String pickupPointId, int level,
                  String deviceId, String ip, String paymentAccount) {}

    record Member(String id, String leaderId, String deviceId, String ip, String paymentAccount, long signedUpAt) {}

    final List<String> cities = new ArrayList<>();
    final List<Product> products = new ArrayList<>();
    final List<Leader> leaders = new ArrayList<>();
    final Map<String, Leader> leaderById = new HashMap<>();
    final List<Member> members = new ArrayList<>();
    final Map<String, List<Member>> membersByLeader = new HashMap<>();

    void addLeader(Leader leader) {
        leaders.add(leader);
        leaderById.put(leader.id(), leader);
        membersByLeader.put(leader.id(), new ArrayList<>());
    }

    void addMember(Member member) {
        members.add(member);
        membersByLeader.get(member.leaderId()).add(member);
    }

    /** The member at {@code index} stops shopping (what is already scheduled for them still happens). */
    void retire(int index) {
        Member gone = members.get(index);
        members.set(index, members.get(members.size() - 1));
        members.remove(members.size() - 1);
        membersByLeader.get(gone.leaderId()).remove(gone);
    }
}

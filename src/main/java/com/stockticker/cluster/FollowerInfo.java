package com.stockticker.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import com.stockticker.roles.EdgeRole;

/**
 * {@code core} in an edge's {@code /actuator/info}: the active core it follows, as its market batches name it
 * (a core's own {@code core} says more, from the database).
 */
@Component
@EdgeRole
class FollowerInfo implements InfoContributor {

    private final CoreFeed feed;

    FollowerInfo(CoreFeed feed) {
        this.feed = feed;
    }

    @Override
    public void contribute(Info.Builder info) {
        MarketOrigin origin = feed.followed();
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("state", "edge");
        core.put("activeCore", origin != null ? origin.core() : null);
        core.put("epoch", origin != null ? origin.epoch() : null);
        info.withDetail("core", core);
    }
}

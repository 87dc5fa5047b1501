package com.stockticker.leadership;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code core} in {@code /actuator/info}: whether this instance is the active core or a standby, and which core
 * is active since when, with the epoch (how many times a core became active on this database).
 */
class LeadershipInfo implements InfoContributor {

    private final CoreLeadership leadership;
    private final JdbcTemplate jdbc;

    LeadershipInfo(CoreLeadership leadership, JdbcTemplate jdbc) {
        this.leadership = leadership;
        this.jdbc = jdbc;
    }

    @Override
    public void contribute(Info.Builder info) {
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("instance", leadership.instance());
        core.put("state", leadership.active() ? "active" : "standby");
        try {
            jdbc.query("SELECT epoch, holder, since FROM core_leader WHERE id = 1", row -> {
                core.put("activeCore", row.getString("holder"));
                long since = row.getLong("since");
                core.put("activeSince", row.wasNull() ? null : Instant.ofEpochMilli(since).toString());
                core.put("epoch", row.getLong("epoch"));
            });
        }
        catch (DataAccessException unreachable) {
            core.put("activeCore", null);
        }
        info.withDetail("core", core);
    }
}

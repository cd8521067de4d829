package org.passerelle.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the monitors does with what they saw: raise an incident for each condition that
 * has no active one yet, and resolve each active monitor incident whose condition is no longer
 * seen, but only when its monitor could look (a monitor that could not read its data neither
 * raises nor resolves).
 *
 * @param raise the conditions to raise an incident for
 * @param resolve the ids of the incidents to resolve
 */
public record MonitorRun(List<MonitorCondition> raise, List<Long> resolve) {

    /**
     * @param seen the conditions the monitors see now
     * @param looked the monitors that could read their data in this run
     * @param active the active monitor incidents: their ids by monitor key
     */
    public static MonitorRun decide(List<MonitorCondition> seen, Set<Monitor> looked, Map<String, Long> active) {
        List<MonitorCondition> raise = new ArrayList<>();
        Set<String> seenKeys = new java.util.HashSet<>();
        for (MonitorCondition condition : seen) {
            if (seenKeys.add(condition.key()) && !active.containsKey(condition.key())) {
                raise.add(condition);
            }
        }
        List<Long> resolve = active.entrySet().stream()
                .filter(incident -> looked.contains(Monitor.ofKey(incident.getKey())) && !seenKeys.contains(incident.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        return new MonitorRun(List.copyOf(raise), resolve);
    }
}

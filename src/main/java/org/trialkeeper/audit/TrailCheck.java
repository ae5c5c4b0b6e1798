package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks every chain of the trail: those with a head row, those that hold records without one
 * (records inserted under a made-up chain), and those this instance saw committed (a chain
 * removed with its head). Each is walked on its own, against its head and the newest point of
 * it this instance saw; the answer names the first chain, in {@link ChainNames#ORDER}, that is
 * broken, and its first bad record.
 */
@Singleton
record TrailCheck(AuditRepository records, AuditHeadRepository heads, AuditKey key) {

    /**
     * @param seen      the newest point of each chain this instance saw committed, read before
     *                  anything of the database so that the walk sees at least as much
     * @param published an anchor published earlier, of the chain it names, or of whichever chain
     *                  holds it when it names none
     */
    AuditVerification verify(Map<String, AuditAnchor> seen, @Nullable AuditAnchor published) {
        Map<String, AuditHead> byChain = heads.findAll().stream()
                .collect(Collectors.toMap(AuditHead::chain, Function.identity()));
        SortedSet<String> chains = new TreeSet<>(ChainNames.ORDER);
        chains.addAll(byChain.keySet());
        chains.addAll(records.findChains());
        chains.addAll(seen.keySet());
        List<AuditVerification> results = new ArrayList<>();
        boolean extended = false;
        for (String chain : chains) {
            AuditHead head = byChain.getOrDefault(chain, AuditHead.empty(chain));
            AuditAnchor witnessed = seen.getOrDefault(chain, AuditAnchor.start(chain));
            boolean asked = published != null && (published.chain() == null || published.chain().equals(chain));
            ChainCheck check = asked ? new ChainCheck(chain, key.chainFor(head), witnessed, published)
                    : new ChainCheck(chain, key.chainFor(head), witnessed);
            AuditSealing.walk(records, chain, check::accept);
            AuditVerification result = check.result(head);
            if (result.intact() && !check.passed(0)) {
                result = result.broken(chain, witnessed.seq(), "removed", "chain " + chain + ": the chain no longer"
                        + " reaches record " + witnessed.seq() + " as this service wrote it: records were removed or"
                        + " rewritten and the head moved back");
            }
            extended |= asked && check.passed(1);
            results.add(result);
        }
        AuditVerification whole = combined(results);
        return published == null ? whole : whole.extending(extended);
    }

    private static AuditVerification combined(List<AuditVerification> chains) {
        long records = chains.stream().mapToLong(AuditVerification::recordsChecked).sum();
        boolean keyed = chains.stream().allMatch(AuditVerification::keyed);
        for (AuditVerification chain : chains) {
            if (!chain.intact()) {
                return new AuditVerification(false, records, chain.chain(), chain.firstBadSeq(), chain.problem(),
                        chain.detail(), keyed, null, null);
            }
        }
        List<AuditAnchor> anchors = chains.stream().flatMap(chain -> chain.anchors().stream()).toList();
        return new AuditVerification(true, records, null, null, null, "all " + records + " records of "
                + chains.size() + " chains are intact", keyed, anchors, null);
    }
}

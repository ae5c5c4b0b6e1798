package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels a blinded report shows the arms under: "Arm A", "Arm B", ... in an order set by a
 * keyed hash of each arm's code under the trial's secret seed, so that nobody who cannot open
 * the seed can tell which arm is which, while every report of the trial uses the same labels.
 */
@Singleton
public class ArmLabels {

    private final RandomisationSetupRepository setups;
    private final SeedVault vault;

    ArmLabels(RandomisationSetupRepository setups, SeedVault vault) {
        this.setups = setups;
        this.vault = vault;
    }

    /** By arm code; before recruitment opens (no seed yet) the arms keep protocol order. */
    @Transactional
    public Map<String, String> neutral(long trialId, List<String> armCodes) {
        List<String> order = new ArrayList<>(armCodes);
        setups.findById(trialId).ifPresent(setup -> {
            byte[] seed = vault.open(setup.encryptedSeed(), trialId);
            order.sort(Comparator.comparing(code -> keyed(seed, code)));
        });
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            labels.put(order.get(i), "Arm " + (char) ('A' + i));
        }
        return labels;
    }

    private static String keyed(byte[] seed, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("arm-label:" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.trialkeeper.analysis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a {@link Cohort} as the rows arrive: first everyone screened, in ascending order of
 * their ids; then what other tables hold about them (allocations, attendance, events, scores,
 * guesses), joined by id with a binary search, in whatever order those come.
 */
public final class CohortBuilder {

    int size;
    long[] ids = new long[1024];
    byte[] codeBytes = new byte[8192];
    int codeLength;
    int[] codeStarts = new int[1025];
    int[] sites = new int[1024];
    final Codes<String> siteNames = new Codes<>();
    byte[] statuses = new byte[1024];
    int[] failed = new int[1024];
    final Codes<List<String>> failedLists = new Codes<>();
    final BitSet keepData = new BitSet();
    final BitSet perProtocolExcluded = new BitSet();
    private final List<TrialData.Characteristic> characteristics;
    private final double[][] numbers;
    private final BitSet[] whole;
    private final int[][] categories;
    private final List<Codes<String>> categoryTexts;

    byte[] arms;
    final Codes<String> armCodes = new Codes<>();
    byte[] guesses;
    int[] attended;
    final Map<ScoreKey, double[]> scores = new LinkedHashMap<>();
    int events;
    private int[] eventPeople = new int[256];
    private byte[] eventKinds = new byte[256];
    private int[] eventReasons = new int[256];
    final Codes<String> reasons = new Codes<>();

    /** @param characteristics the baseline characteristics to keep a column of, in protocol order */
    public CohortBuilder(List<TrialData.Characteristic> characteristics) {
        this.characteristics = List.copyOf(characteristics);
        int count = characteristics.size();
        numbers = new double[count][];
        whole = new BitSet[count];
        categories = new int[count][];
        categoryTexts = new java.util.ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (characteristics.get(c).numeric()) {
                numbers[c] = new double[1024];
                whole[c] = new BitSet();
            } else {
                categories[c] = new int[1024];
            }
            categoryTexts.add(new Codes<>());
        }
        failedLists.code(List.of());
    }

    /** Everyone screened is kept, in the order given. */
    public static Cohort of(List<TrialData.Characteristic> characteristics, List<TrialData.Person> people) {
        CohortBuilder builder = new CohortBuilder(characteristics);
        for (int i = 0; i < people.size(); i++) {
            TrialData.Person p = people.get(i);
            builder.screened(i, p.code(), p.site(), p.status(), p.failedCriteria(), p.keepData(), p.perProtocolExcluded(),
                    p.baseline());
        }
        for (int i = 0; i < people.size(); i++) {
            TrialData.Person p = people.get(i);
            long id = i;
            if (p.arm() != null) {
                builder.allocated(id, p.arm());
            }
            if (p.sessionsAttended() != null) {
                builder.attended(id, p.sessionsAttended());
            }
            p.events().forEach(e -> builder.event(id, e.kind(), e.reason()));
            p.scores().forEach((key, value) -> builder.score(id, key, value));
            if (p.guess() != null) {
                builder.guess(id, p.guess(), true);
            }
        }
        return builder.build();
    }

    /**
     * One person screened; ids must come in ascending order, and before anything is joined to them.
     *
     * @param baseline the answers by characteristic id; others are ignored
     */
    public void screened(long id, String code, String site, Status status, List<String> failedCriteria, boolean keep,
                         boolean excludedPerProtocol, Map<String, Object> baseline) {
        if (arms != null) {
            throw new IllegalStateException("everyone screened comes before what is joined to them");
        }
        if (size > 0 && id <= ids[size - 1]) {
            throw new IllegalArgumentException("participants must come in ascending order of id");
        }
        grow();
        ids[size] = id;
        byte[] text = code.getBytes(StandardCharsets.UTF_8);
        if (codeLength + text.length > codeBytes.length) {
            codeBytes = Arrays.copyOf(codeBytes, Math.max(codeBytes.length * 2, codeLength + text.length));
        }
        System.arraycopy(text, 0, codeBytes, codeLength, text.length);
        codeStarts[size] = codeLength;
        codeLength += text.length;
        sites[size] = siteNames.code(site);
        statuses[size] = (byte) status.ordinal();
        failed[size] = failedLists.code(failedCriteria);
        keepData.set(size, keep);
        perProtocolExcluded.set(size, excludedPerProtocol);
        for (int c = 0; c < characteristics.size(); c++) {
            Object value = baseline.get(characteristics.get(c).id());
            if (numbers[c] != null) {
                boolean number = value instanceof Number;
                numbers[c][size] = number ? ((Number) value).doubleValue() : Double.NaN;
                whole[c].set(size, number && !(value instanceof Double || value instanceof Float
                        || value instanceof java.math.BigDecimal));
            } else {
                categories[c][size] = value == null ? Cohort.NONE : categoryTexts.get(c).code(String.valueOf(value));
            }
        }
        size++;
    }

    public void allocated(long id, String arm) {
        int person = index(id);
        if (person >= 0) {
            arms[person] = (byte) armCodes.code(arm);
        }
    }

    public void attended(long id, int sessions) {
        int person = index(id);
        if (person >= 0) {
            attended[person] = sessions;
        }
    }

    /** An event after randomisation; a person's events must come oldest first. */
    public void event(long id, EventKind kind, String reason) {
        int person = index(id);
        if (person < 0) {
            return;
        }
        if (events == eventPeople.length) {
            eventPeople = Arrays.copyOf(eventPeople, events * 2);
            eventKinds = Arrays.copyOf(eventKinds, events * 2);
            eventReasons = Arrays.copyOf(eventReasons, events * 2);
        }
        eventPeople[events] = person;
        eventKinds[events] = (byte) kind.ordinal();
        eventReasons[events] = reasons.code(reason);
        events++;
    }

    /** The person's score, replacing any given before. */
    public void score(long id, ScoreKey key, double value) {
        int person = index(id);
        if (person >= 0) {
            scores.computeIfAbsent(key, k -> {
                double[] column = new double[size];
                Arrays.fill(column, Double.NaN);
                return column;
            })[person] = value;
        }
    }

    /** @param replace whether this guess stands for the person even if another was given before */
    public void guess(long id, Guess guess, boolean replace) {
        int person = index(id);
        if (person >= 0 && (replace || guesses[person] == Cohort.NONE)) {
            guesses[person] = (byte) guess.ordinal();
        }
    }

    public Cohort build() {
        index(Long.MIN_VALUE);
        return new Cohort(this);
    }

    /** Where the id is among everyone screened, or negative if nowhere; the first call closes screening. */
    private int index(long id) {
        if (arms == null) {
            arms = new byte[size];
            guesses = new byte[size];
            attended = new int[size];
            Arrays.fill(arms, (byte) Cohort.NONE);
            Arrays.fill(guesses, (byte) Cohort.NONE);
            Arrays.fill(attended, Cohort.NONE);
        }
        return Arrays.binarySearch(ids, 0, size, id);
    }

    private void grow() {
        if (size < ids.length) {
            return;
        }
        int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        codeStarts = Arrays.copyOf(codeStarts, capacity + 1);
        sites = Arrays.copyOf(sites, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        failed = Arrays.copyOf(failed, capacity);
        for (int c = 0; c < characteristics.size(); c++) {
            if (numbers[c] != null) {
                numbers[c] = Arrays.copyOf(numbers[c], capacity);
            } else {
                categories[c] = Arrays.copyOf(categories[c], capacity);
            }
        }
    }

    /** The baseline columns by characteristic id, cut to the number screened. */
    Map<String, Cohort.BaselineColumn> baselineColumns() {
        Map<String, Cohort.BaselineColumn> columns = new LinkedHashMap<>();
        for (int c = 0; c < characteristics.size(); c++) {
            columns.put(characteristics.get(c).id(), numbers[c] != null
                    ? new Cohort.BaselineColumn(Arrays.copyOf(numbers[c], size), whole[c], null, null)
                    : new Cohort.BaselineColumn(null, null, Arrays.copyOf(categories[c], size), categoryTexts.get(c).values()));
        }
        return columns;
    }

    /** Each person's events together, oldest first, by a stable counting sort on the person. */
    void sortEvents(int[] starts, byte[] kinds, int[] reasonCodes) {
        for (int e = 0; e < events; e++) {
            starts[eventPeople[e] + 1]++;
        }
        for (int person = 0; person < size; person++) {
            starts[person + 1] += starts[person];
        }
        int[] next = Arrays.copyOf(starts, size);
        for (int e = 0; e < events; e++) {
            int at = next[eventPeople[e]]++;
            kinds[at] = eventKinds[e];
            reasonCodes[at] = eventReasons[e];
        }
    }
}

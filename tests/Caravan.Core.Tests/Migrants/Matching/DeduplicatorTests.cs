using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

public class DeduplicatorTests
{
    [Fact]
    public void Quality_on_a_generated_set_meets_the_targets()
    {
        var set = SyntheticPersons.Generate(20_000, 0.1, seed: 11);
        var features = SyntheticPersons.ToFeatures(set.Persons);

        var quality = set.Evaluate(Deduplicator.FindPairs(features, MatchModel.Default));

        quality.TruePairs.ShouldBe(2_000);
        quality.PrecisionCertain.ShouldBeGreaterThanOrEqualTo(0.98);
        quality.RecallAll.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    /// <summary>
    /// Issue 18 item 10. The weights and thresholds were chosen on seeds 1–5 only; seed 20261206 was first generated for this test,
    /// after they were fixed (docs/record-linkage.md). 20,000 records, 2,000 true pairs with the generator's clerical errors.
    /// </summary>
    [Fact]
    public void Held_out_seed_meets_the_targets_under_clerical_errors()
    {
        var set = SyntheticPersons.Generate(20_000, 0.1, seed: 20261206);

        var quality = set.Evaluate(Deduplicator.FindPairs(SyntheticPersons.ToFeatures(set.Persons), MatchModel.Default));

        quality.TruePairs.ShouldBe(2_000);
        quality.RecallAll.ShouldBeGreaterThanOrEqualTo(0.97);
        quality.PrecisionCertain.ShouldBeGreaterThanOrEqualTo(0.995);
        quality.PrecisionPossible.ShouldBeGreaterThanOrEqualTo(0.75);
    }

    [Fact]
    public void Each_pair_is_reported_once_in_id_order()
    {
        var set = SyntheticPersons.Generate(5_000, 0.1, seed: 3);
        var pairs = Deduplicator.FindPairs(SyntheticPersons.ToFeatures(set.Persons), MatchModel.Default);

        pairs.ShouldNotBeEmpty();
        pairs.ShouldAllBe(p => p.First.CompareTo(p.Second) < 0 && p.Result.Class != MatchClass.NonMatch);
        pairs.Select(p => (p.First, p.Second)).Distinct().Count().ShouldBe(pairs.Count);
    }

    [Fact]
    public void Blocking_passes_catch_a_typo_in_the_first_letters_a_swapped_date_and_a_wrong_year()
    {
        var original = new SyntheticPerson(Guid.NewGuid(), "Bakhtiyor", "Rahimov", "Alisherovich", new DateOnly(1987, 3, 11), MatchSex.Male, null);
        var typoAndSwap = original with { Id = Guid.NewGuid(), FamilyName = "Рхаимов", BirthDate = new DateOnly(1987, 11, 3) };
        var wrongYear = original with { Id = Guid.NewGuid(), BirthDate = new DateOnly(1997, 3, 11) };
        var stranger = new SyntheticPerson(Guid.NewGuid(), "Madina", "Rahimova", null, new DateOnly(1987, 6, 30), MatchSex.Female, null);
        var persons = new[] { original, typoAndSwap, wrongYear, stranger }.Select(SyntheticPersons.ToFeatures).ToList();

        var pairs = Deduplicator.FindPairs(persons, MatchModel.Default).Select(p => SyntheticSet.PairKey(p.First, p.Second)).ToHashSet();

        pairs.ShouldContain(SyntheticSet.PairKey(original.Id, typoAndSwap.Id));
        pairs.ShouldContain(SyntheticSet.PairKey(original.Id, wrongYear.Id));
        pairs.ShouldNotContain(SyntheticSet.PairKey(original.Id, stranger.Id));
    }

    [Fact]
    public void Match_scores_one_person_against_fetched_candidates_strongest_first()
    {
        var person = SyntheticPersons.ToFeatures(new SyntheticPerson(Guid.NewGuid(), "Ҷамшед", "Раҳмонов", null, new DateOnly(1991, 8, 19), MatchSex.Male, "A1234567"));
        var same = person with { Id = Guid.NewGuid(), GivenKey = NameKeys.Canonical("Dzhamshed"), FamilyKey = NameKeys.Canonical("Rakhmonov") };
        var sameWithoutPassport = same with { Id = Guid.NewGuid(), PassportHash = null };
        var other = person with { Id = Guid.NewGuid(), GivenKey = NameKeys.Canonical("Farhod"), BirthDate = new DateOnly(1993, 1, 2), PassportHash = null };

        var pairs = Deduplicator.Match(person, [other, sameWithoutPassport, person, same], MatchModel.Default);

        pairs.Select(p => p.Second).ShouldBe([same.Id, sameWithoutPassport.Id]);
        pairs.ShouldAllBe(p => p.First == person.Id);
        pairs[0].Result.Class.ShouldBe(MatchClass.Certain);
    }

    [Fact]
    public void Generator_is_deterministic_and_labels_its_duplicates()
    {
        var a = SyntheticPersons.Generate(1_000, 0.1, seed: 9);
        var b = SyntheticPersons.Generate(1_000, 0.1, seed: 9);

        a.Persons.ShouldBe(b.Persons);
        a.TruePairs.SetEquals(b.TruePairs).ShouldBeTrue();
        a.TruePairs.Count.ShouldBe(100);
        a.Persons.Count(p => p.PassportNumber is not null).ShouldBeInRange(550, 800);
        a.Persons.ShouldContain(p => p.FamilyName.Any(c => c >= 'а' && c <= 'я'));
        a.Persons.ShouldContain(p => p.FamilyName.All(c => c < 'Ѐ'));
    }

    [Fact]
    public void Around_a_focus_only_its_neighbours_give_the_pairs_the_whole_population_gives()
    {
        var set = SyntheticPersons.Generate(4_000, duplicateShare: 0.15, seed: 31);
        var all = SyntheticPersons.ToFeatures(set.Persons);
        // A small import: one record of each of 15 true pairs, and 10 records of anyone.
        var focus = set.TruePairs.OrderBy(p => p.Item1).Take(15).Select(p => p.Item2).Concat(all.Where((_, i) => i % 400 == 0).Select(p => p.Id)).ToHashSet();
        var expected = Deduplicator.FindPairs(all, MatchModel.Default).Where(p => focus.Contains(p.First) || focus.Contains(p.Second)).ToList();

        // What an import fetches from the database: its records and those that may share a blocking key with one.
        var ofFocus = all.Where(p => focus.Contains(p.Id)).ToList();
        var codes = ofFocus.SelectMany(Deduplicator.CodesToMeet).ToHashSet();
        var passports = ofFocus.Where(p => p.PassportHash is not null).Select(p => Convert.ToHexString(p.PassportHash!)).ToHashSet();
        var neighbours = all.Where(p => focus.Contains(p.Id) || Deduplicator.OwnCodes(p).Any(codes.Contains)
            || (p.PassportHash is not null && passports.Contains(Convert.ToHexString(p.PassportHash)))).ToList();
        neighbours.Count.ShouldBeLessThan(all.Length / 5, "the neighbours must be a small part of the population for this to test anything");

        var found = Deduplicator.FindPairsAround(neighbours, focus, MatchModel.Default, all.Length, NameFrequencies.Count(all));
        found.Select(Key).ShouldBe(expected.Select(Key), ignoreOrder: true);
        expected.Count.ShouldBeGreaterThanOrEqualTo(15);

        // Without the whole population's size and names, the same neighbours score otherwise: both are needed.
        Deduplicator.FindPairsAround(neighbours, focus, MatchModel.Default, neighbours.Count, NameFrequencies.Count(neighbours)).Select(Key).ToHashSet()
            .SetEquals(expected.Select(Key)).ShouldBeFalse();
    }

    private static (Guid, Guid, double, MatchClass) Key(CandidatePair p) => (p.First, p.Second, p.Result.Weight, p.Result.Class);
}

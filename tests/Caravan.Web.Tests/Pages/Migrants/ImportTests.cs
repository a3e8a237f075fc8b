using System.Globalization;
using System.Net;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Migrants.Import;
using Caravan.Core.Migrants.Matching;
using Caravan.Core.Reference;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>Bulk import of a national extract: row errors, encryption, duplicates, progress and resuming after a crash.</summary>
public class ImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Header = "family_name,given_name,patronymic,birth_date,sex,citizenship,region,document_number,phone";

    private sealed class Synchronous(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_uploaded_extract_keeps_valid_rows_reports_each_bad_one_and_merges_a_certain_duplicate(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        // A person already registered in Latin script, with a passport.
        await Registration.RegisterAsync(app, app.EnglishBrowser(), "+998901140001",
            new("Gulnora", "Xolmatova", null, new DateOnly(1992, 4, 17), "Female", "AG9998887"));
        var csv = new StringBuilder().AppendLine(Header)
            .AppendLine("Холматова,Гулнора,,1992-04-17,F,UZ,UZ-SA,AG 999 8887,")
            .AppendLine("Nazarov,Otabek,Rustamovich,1985-12-01,M,UZ,UZ-TO,AH1010101,+998 91 000 11 22")
            .AppendLine(",Aziz,,1990-01-01,M,UZ,,,")
            .AppendLine("Sobirov,Aziz,,01.02.1990,X,ZZ,UZ-XX,12,abc")
            .AppendLine("\"Karimov,Jamshid,,1991-05-05,M,UZ,,,")
            .ToString();

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.PostFormAsync("/officer/persons/imports", new Dictionary<string, string>())).TextAsync()).ShouldContain("Choose a CSV file");
        var uploaded = await officer.PostFileAsync("/officer/persons/imports", "/officer/persons/imports", "Upload", "extract.csv", Encoding.UTF8.GetBytes(csv), "text/csv");
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = uploaded.Headers.Location!.ToString();
        var id = Guid.Parse(page.Split('/')[^1]);
        var waiting = await (await officer.GetAsync(page)).TextAsync();
        waiting.ShouldContain("Waiting to start");
        waiting.ShouldContain("http-equiv=\"refresh\"");

        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<PersonImportJob>().RunAsync(id, CancellationToken.None); return 0; });

        var import = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        import.Status.ShouldBe(ImportStatus.Completed);
        import.RowsImported.ShouldBe(2);
        import.RowsFailed.ShouldBe(3);
        import.LastRow.ShouldBe(5);
        import.PairsMerged.ShouldBe(1);
        var persons = await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking().Where(p => p.ImportId == id).OrderBy(p => p.FamilyName).ToListAsync());
        persons.Select(p => p.FamilyName).ShouldBe(["Nazarov", "Холматова"]);
        persons[0].Phone.ShouldBe("+998910001122");
        persons[0].DocumentCipher!.ShouldNotContain("1010101");
        persons[0].Channel.ShouldBe(RegistrationChannel.Import);
        persons[0].Languages.ShouldBeEmpty();
        var cyrillic = persons[1];
        cyrillic.Status.ShouldBe(PersonStatus.Merged);
        (await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Id == cyrillic.MergedIntoId))).FamilyName.ShouldBe("Xolmatova");
        // The pair is written in bulk, not through EF Core: it must read back through EF Core like any other.
        var pair = await app.WithDbAsync(ctx => ctx.Set<DuplicateCandidate>().AsNoTracking().SingleAsync(d => d.OtherId == cyrillic.Id));
        pair.KeepId.ShouldBe(cyrillic.MergedIntoId!.Value);
        pair.Status.ShouldBe(DuplicateStatus.Merged);
        pair.Certain.ShouldBeTrue();
        pair.Weight.ShouldBeGreaterThan(MatchModel.Default.UpperThreshold);
        pair.Reasons.ShouldContain(nameof(MatchReason.PassportEqual));
        pair.DecidedAt.ShouldNotBeNull();
        pair.FoundAt.ShouldBe(pair.DecidedAt!.Value);
        (DateTime.UtcNow - pair.FoundAt).ShouldBeLessThan(TimeSpan.FromMinutes(5));

        var errors = await app.WithDbAsync(ctx => ctx.Set<RegistryImportError>().Where(e => e.ImportId == id).OrderBy(e => e.Row).ThenBy(e => e.Column).Select(e => e.Row + ":" + e.Column + ":" + e.Key).ToListAsync());
        errors.ShouldContain("3:family_name:Person.NameRequired");
        errors.ShouldContain("4:birth_date:Import.DateFormat");
        errors.ShouldContain("4:sex:Import.SexFormat");
        errors.ShouldContain("4:citizenship:Person.CitizenshipRequired");
        errors.ShouldContain("4:region:Person.RegionRequired");
        errors.ShouldContain("4:document_number:Person.DocumentFormat");
        errors.ShouldContain("4:phone:Validation.PhoneFormat");
        errors.ShouldContain("5:*:Import.BadQuotes");

        var done = await (await officer.GetAsync(page)).TextAsync();
        done.ShouldContain("Completed");
        done.ShouldContain("Write the date as YYYY-MM-DD");
        done.ShouldNotContain("http-equiv=\"refresh\"");
        // The import is audited as one write with its file's hash; the persons carry its id.
        (await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Audit.AuditEntry>().CountAsync(e => e.EntityType == nameof(RegistryImport) && e.EntityId == id.ToString()))).ShouldBeGreaterThan(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_small_import_is_matched_against_its_neighbours_only_with_the_pairs_a_whole_registry_run_gives(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        // Generated people with duplicates written in other scripts, with swapped names and wrong dates: most of them
        // in a first, large extract (matched against the whole registry), the last 60 in a second one, a small share
        // of the registry, matched only against the records that share a name prefix or a passport with its rows.
        var set = Caravan.Core.Tests.Migrants.Matching.SyntheticPersons.Generate(1_260, duplicateShare: 0.15, seed: 2026 + (int)db);
        var first = await ImportSyntheticAsync(app, set.Persons.Take(1_200));
        var firstPairs = await CandidatesOfAsync(app, first);
        firstPairs.ShouldBe(await WholeRegistryPairsAsync(app, first), ignoreOrder: true);

        var second = await ImportSyntheticAsync(app, set.Persons.Skip(1_200));
        var population = await app.WithDbAsync(ctx => ctx.Set<Person>().CountAsync(p => p.BirthDate != null && (p.Status == PersonStatus.Active || p.ImportId == second)));
        population.ShouldBeGreaterThan((int)(60 / ImportMatcher.WholeRegistryShare), "the second import must be small enough to be matched around its rows");
        population.ShouldBeGreaterThanOrEqualTo(Deduplicator.MinPopulationForFrequencies, "the registry's name frequencies must be in play");
        var expected = await WholeRegistryPairsAsync(app, second);
        var found = await CandidatesOfAsync(app, second);
        found.ShouldBe(expected, ignoreOrder: true);
        // Not vacuous: the small import meets records of the first one, some certain enough to merge.
        var firstIds = (await app.WithDbAsync(ctx => ctx.Set<Person>().Where(p => p.ImportId == first).Select(p => p.Id).ToListAsync())).ToHashSet();
        expected.Count(p => firstIds.Contains(p.A) || firstIds.Contains(p.B)).ShouldBeGreaterThanOrEqualTo(3);
        expected.ShouldContain(p => p.Certain);
    }

    private static async Task<Guid> ImportSyntheticAsync(CaravanApp app, IEnumerable<Caravan.Core.Tests.Migrants.Matching.SyntheticPerson> persons)
    {
        var text = new StringBuilder().AppendLine(Header);
        var count = 0;
        foreach (var p in persons)
        {
            count++;
            text.Append(p.FamilyName).Append(',').Append(p.GivenName).Append(',').Append(p.Patronymic).Append(',')
                .Append(p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(p.Sex == MatchSex.Female ? "F" : "M")
                .Append(",UZ,UZ-SA,").Append(p.PassportNumber).AppendLine(",");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var id = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<PersonImporter>().CreateAsync("synthetic.csv", null, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length, null)).Id);
        var reference = await app.WithScopeAsync(sp => PersonImportJob.ReferenceDataAsync(sp.GetRequiredService<Catalogue>(), "UZ", CancellationToken.None));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PersonImporter>().RunAsync(id, new MemoryStream(bytes), reference, null, CancellationToken.None);
            return 0;
        });
        var import = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        import.Status.ShouldBe(ImportStatus.Completed);
        import.RowsImported.ShouldBe(count);
        return id;
    }

    /// <summary>The import's pairs as written: the two ids in order, the weight, certain or not.</summary>
    private static async Task<List<(Guid A, Guid B, double Weight, bool Certain)>> CandidatesOfAsync(CaravanApp app, Guid import) =>
        await app.WithDbAsync(async ctx =>
        {
            var ids = ctx.Set<Person>().Where(p => p.ImportId == import).Select(p => p.Id);
            var pairs = await ctx.Set<DuplicateCandidate>().AsNoTracking().Where(d => ids.Contains(d.KeepId) || ids.Contains(d.OtherId)).ToListAsync();
            return pairs.Select(d => d.KeepId.CompareTo(d.OtherId) < 0 ? (d.KeepId, d.OtherId, d.Weight, d.Certain) : (d.OtherId, d.KeepId, d.Weight, d.Certain)).ToList();
        });

    /// <summary>What the matcher did before it matched around an import: every active record (the import's own as they were before its merges) against every other, keeping the pairs that touch the import.</summary>
    private static async Task<List<(Guid A, Guid B, double Weight, bool Certain)>> WholeRegistryPairsAsync(CaravanApp app, Guid import)
    {
        var persons = await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking()
            .Where(p => p.BirthDate != null && (p.Status == PersonStatus.Active || p.ImportId == import)).ToListAsync());
        var ofImport = persons.Where(p => p.ImportId == import).Select(p => p.Id).ToHashSet();
        return [.. Deduplicator.FindPairs([.. persons.Select(PersonDuplicates.Features)], MatchModel.Default)
            .Where(p => ofImport.Contains(p.First) || ofImport.Contains(p.Second))
            .Select(p => (p.First, p.Second, Math.Round(p.Result.Weight, 2), p.Result.Class == MatchClass.Certain))];
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_crashed_import_resumes_after_its_last_whole_batch_without_writing_a_row_twice(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        const int rows = PersonImporter.BatchSize * 2 + 1234;
        var text = new StringBuilder().AppendLine(Header);
        for (var i = 0; i < rows; i++)
        {
            var born = new DateOnly(1970, 1, 1).AddDays(i % 12000);
            text.Append("Imported").Append(Letters(i)).Append("ov,Ali,,").Append(born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(",M,UZ,UZ-TK,ZZ").Append((1000000 + i).ToString(CultureInfo.InvariantCulture)).AppendLine(",");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var since = DateTime.UtcNow.AddSeconds(-1);
        var facts = () => app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Statistics.Fact>().CountAsync(f => f.Kind == Caravan.Core.Statistics.FactKind.Registration && f.RecordedAt >= since && f.RegionOfOrigin == "UZ-TK" && f.Sex == "M"));
        var id = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<PersonImporter>().CreateAsync("big.csv", null, "test", bytes.Length, null)).Id);
        var reference = await app.WithScopeAsync(sp => PersonImportJob.ReferenceDataAsync(sp.GetRequiredService<Catalogue>(), "UZ", CancellationToken.None));

        using var crash = new CancellationTokenSource();
        var reports = new List<ImportProgress>();
        await Should.ThrowAsync<OperationCanceledException>(() => app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PersonImporter>().RunAsync(id, new MemoryStream(bytes), reference, new Synchronous(p =>
            {
                reports.Add(p);
                crash.Cancel();
            }), crash.Token);
            return 0;
        }));
        var stopped = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        stopped.Status.ShouldBe(ImportStatus.Loading);
        stopped.LastRow.ShouldBe(PersonImporter.BatchSize);
        (await app.WithDbAsync(ctx => ctx.Set<Person>().CountAsync(p => p.ImportId == id))).ShouldBe(PersonImporter.BatchSize);
        // Each imported person is a registration for statistics, committed with its batch.
        (await facts()).ShouldBe(PersonImporter.BatchSize);
        reports.ShouldHaveSingleItem().Rows.ShouldBe(PersonImporter.BatchSize);
        reports[0].Percent.ShouldBeGreaterThan(0);

        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PersonImporter>().RunAsync(id, new MemoryStream(bytes), reference, null, CancellationToken.None);
            return 0;
        });
        var finished = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        finished.Status.ShouldBe(ImportStatus.Completed);
        finished.RowsImported.ShouldBe(rows);
        finished.RowsFailed.ShouldBe(0);
        (await app.WithDbAsync(ctx => ctx.Set<Person>().CountAsync(p => p.ImportId == id))).ShouldBe(rows);
        (await app.WithDbAsync(ctx => ctx.Set<Person>().Where(p => p.ImportId == id).Select(p => p.Reference).Distinct().CountAsync())).ShouldBe(rows);
        (await facts()).ShouldBe(rows);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_file_without_a_required_column_fails_as_a_whole_with_the_column_named(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var bytes = Encoding.UTF8.GetBytes("family_name,given_name,sex\nNazarov,Otabek,M\n");
        var id = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<PersonImporter>().CreateAsync("bad.csv", null, "x", bytes.Length, null)).Id);
        var reference = await app.WithScopeAsync(sp => PersonImportJob.ReferenceDataAsync(sp.GetRequiredService<Catalogue>(), "UZ", CancellationToken.None));
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<PersonImporter>().RunAsync(id, new MemoryStream(bytes), reference, null); return 0; });
        var import = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        import.Status.ShouldBe(ImportStatus.Failed);
        import.FailureKey.ShouldBe("Import.MissingColumn");
        import.FailureArgument.ShouldBe("birth_date");
        (await app.WithDbAsync(ctx => ctx.Set<Person>().CountAsync(p => p.ImportId == id))).ShouldBe(0);
    }

    /// <summary>A number written in letters (a=0 … j=9), since names may not contain digits.</summary>
    private static string Letters(int n) => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => (char)('a' + (c - '0'))));
}

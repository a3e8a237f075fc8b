using System.Globalization;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Migrants.Import;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Tests.Fuzz;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Migrants;

/// <summary>
/// Issue 18, fuzzing: generated registry extracts run through <see cref="PersonImporter"/> on a real database. Each
/// import ends completed (bad rows reported one by one) or failed for a reason it names, never with an exception; a
/// failed import leaves no person behind, and a completed one no more persons than it counts imported.
/// </summary>
public class PersonImporterFuzzTests(FuzzAppFixture fixture) : IClassFixture<FuzzAppFixture>
{
    private const string Header = "family_name,given_name,patronymic,birth_date,sex,citizenship,region,document_number,phone";

    private static string Seed(int i) => new StringBuilder().Append(Header).Append('\n')
        .Append(CultureInfo.InvariantCulture, $"Nazarov,Otabek,Rustamovich,1985-12-01,M,UZ,UZ-TO,FZ{i:D7},+99891{i:D7}\n")
        .Append(CultureInfo.InvariantCulture, $"Холматова,Гулнора,,1992-04-17,F,UZ,UZ-SA,FY{i:D7},\n")
        .Append("\"Karimov,Jamshid,,1991-05-05,M,UZ,,,\n")
        .ToString();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Generated_extracts_import_or_fail_whole_with_a_reason(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var reference = await ReferenceAsync(app);
        // An import a case, matching included, is the slowest family: ./test.sh runs 100 (20 on PostgreSQL); bench/fuzz.sh runs 10,000.
        await FuzzRun.CasesAsync($"registry-csv-{db}", app.Count(100), (m, i) => ("extract.csv", m.Bytes(Encoding.UTF8.GetBytes(Seed(i)))),
            (_, input) => ImportAsync(app, reference, input));
    }

    public static TheoryData<string, DatabaseProvider> Corpus => FuzzCorpus.OnBothEngines("registry-csv");

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Committed_extracts_import_or_fail_whole_with_a_reason(string file, DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await ImportAsync(app, await ReferenceAsync(app), FuzzRun.CorpusFile("registry-csv", file));
    }

    private static async Task<ImportReferenceData> ReferenceAsync(FuzzApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var node = scope.ServiceProvider.GetRequiredService<IOptions<NodeOptions>>().Value;
        return await PersonImportJob.ReferenceDataAsync(scope.ServiceProvider.GetRequiredService<Catalogue>(), node.Country, CancellationToken.None);
    }

    private static async Task ImportAsync(FuzzApp app, ImportReferenceData reference, byte[] input)
    {
        Guid id;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<PersonImporter>();
            var import = await importer.CreateAsync("extract.csv", null, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input)), input.Length, null);
            id = import.Id;
            await importer.RunAsync(id, new MemoryStream(input, writable: false), reference, null);
        }

        var done = await app.WithDbAsync(ctx => ctx.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        var persons = await app.WithDbAsync(ctx => ctx.Set<Person>().CountAsync(p => p.ImportId == id));
        done.Status.ShouldBeOneOf(ImportStatus.Completed, ImportStatus.Failed);
        if (done.Status == ImportStatus.Failed)
        {
            done.FailureKey.ShouldNotBeNullOrEmpty("a failed import says why");
            persons.ShouldBe(0, "a failed import leaves no person behind");
        }
        else
        {
            persons.ShouldBeLessThanOrEqualTo((int)done.RowsImported);
        }
    }
}

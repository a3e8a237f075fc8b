using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Node.Export;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Node.Export;

/// <summary>What a test put into a source node, to find again after a restore.</summary>
public sealed record NodeRecords(string PersonReference, string DocumentNumber, string CaseReference, string Narrative, byte[] Attachment);

/// <summary>
/// Demo nodes that share one key ring (as a restore needs), each with its own document store, and empty targets that
/// have had nothing but <c>migrate</c>; all under one temporary folder that goes with the fixture.
/// </summary>
public class ExportNodes : IAsyncDisposable
{
    private readonly List<CaravanApp> apps = [];
    private readonly Dictionary<DatabaseProvider, (CaravanApp App, NodeRecords Records)> sources = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public ExportNodes()
    {
        Root = Path.Combine(Path.GetTempPath(), "caravan-tests", "node-export-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Keys => Path.Combine(Root, "keys");

    public string NewFolder(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>A demo node with a registered person, a record change, logged reads, a case with an attachment and a tip.</summary>
    public async Task<(CaravanApp App, NodeRecords Records)> SourceAsync(DatabaseProvider provider)
    {
        await gate.WaitAsync();
        try
        {
            if (!sources.TryGetValue(provider, out var source))
            {
                var app = Start(new CaravanApp(provider, Settings(Keys, demo: true)));
                source = (app, await FillAsync(app));
                sources[provider] = source;
            }

            return source;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A node on which only <c>migrate</c> has run (roles and reference data, no demo data).</summary>
    public CaravanApp Empty(DatabaseProvider provider, string? keys = null) => Start(new CaravanApp(provider, Settings(keys ?? Keys, demo: false)));

    public static Task<ExportResult> ExportAsync(CaravanApp app, string folder) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<NodeExporter>().ExportAsync(folder, includeKeys: false));

    public static Task<ImportResult> ImportAsync(CaravanApp app, string folder) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<NodeImporter>().ImportAsync(folder));

    /// <summary>Every table's rows as text lines, sorted: the canonical order, whatever order the engine returned.</summary>
    public static Dictionary<string, List<string>> ReadTables(string folder)
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, NodeExporter.DataFolder), "*.csv"))
        {
            using var reader = new StreamReader(file);
            using var csv = new CsvParser(reader, NodeExporter.Csv);
            csv.Read().ShouldBeTrue();
            var header = string.Join('|', csv.Record!);
            var rows = new List<string>();
            while (csv.Read())
            {
                rows.Add(string.Join('|', csv.Record!));
            }

            rows.Sort(StringComparer.Ordinal);
            rows.Insert(0, header);
            tables[Path.GetFileNameWithoutExtension(file)] = rows;
        }

        return tables;
    }

    public static Task<int> AuditCountAsync(CaravanApp app, string kind, string outcome) =>
        app.WithDbAsync(db => db.Set<Caravan.Core.Audit.AuditEntry>()
            .CountAsync(a => a.EntityType == kind && a.Changes.Contains("\"to\":\"" + outcome + "\"")));

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }

        gate.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private CaravanApp Start(CaravanApp app)
    {
        lock (apps)
        {
            apps.Add(app);
        }

        _ = app.Server;
        return app;
    }

    private Dictionary<string, string?> Settings(string keys, bool demo) => new(StringComparer.Ordinal)
    {
        ["Demo:Enabled"] = demo ? "true" : "false",
        ["DataProtection:KeysPath"] = keys,
        ["Documents:Path"] = NewFolder("documents"),
    };

    private static async Task<NodeRecords> FillAsync(CaravanApp app)
    {
        const string document = "AE9081726";
        const string narrative = "The employer in Kazan kept my passport and paid nothing for three months.";
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901180001",
            new("Нодира", "Ахмедова", "Рустамовна", new DateOnly(1993, 9, 14), "Female", document));
        await migrant.PostFormAsync("/register/name?change=true", new Dictionary<string, string> { ["GivenName"] = "Нодира", ["FamilyName"] = "Каримова", ["change"] = "true" });
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = $"/officer/persons/{reference}";
        await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.IdentityCheck }, page + "?handler=Reveal");
        var attachment = "%PDF-1.4\n% a contract\n"u8.ToArray();
        var caseReference = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var personId = await db.Set<Person>().Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync();
            var cases = sp.GetRequiredService<CaseIntake>();
            var (opened, _, _) = await cases.OpenAsync(
                new CaseReport(CaseCategory.DocumentRetention, [ForcedLabourIndicator.DocumentRetention], "RU", "Kazan", null, null, narrative, Guid.NewGuid(), "ru"),
                CaseChannel.Migrant, personId, null);
            await sp.GetRequiredService<CaseAttachments>().AttachAsync(opened, attachment, "application/pdf", "contract.pdf", null);
            await cases.OpenAsync(
                new CaseReport(CaseCategory.UnpaidWages, [], "KZ", "Almaty", null, null, "An anonymous tip about unpaid wages.", Guid.NewGuid(), "en"),
                CaseChannel.Anonymous, null, null);
            return opened.Reference;
        });
        return new NodeRecords(reference, document, caseReference, narrative, attachment);
    }
}

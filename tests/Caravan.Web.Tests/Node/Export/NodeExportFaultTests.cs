using System.Text;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Node.Export;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Node.Export;

/// <summary>Bad input and faults: each stops with a clear message, leaves nothing half-written and is audited.</summary>
public class NodeExportFaultTests(ExportNodes nodes) : IClassFixture<ExportNodes>
{
    /// <summary>A disk that fills up after a number of bytes, across every file of the export.</summary>
    private sealed class FullDisk(long capacity) : IExportFiles
    {
        private readonly long capacity = capacity;
        private long used;

        public Stream Create(string path) => new Filling(new ExportFiles().Create(path), this);

        private sealed class Filling(Stream inner, FullDisk disk) : Stream
        {
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => inner.Length;
            public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Take(count);
                inner.Write(buffer, offset, count);
            }

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Take(buffer.Length);
                await inner.WriteAsync(buffer, cancellationToken);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override void Flush() => inner.Flush();
            public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }

            public override async ValueTask DisposeAsync()
            {
                await inner.DisposeAsync();
                await base.DisposeAsync();
            }

            private void Take(int count)
            {
                disk.used += count;
                if (disk.used > disk.capacity)
                {
                    throw new IOException("No space left on device");
                }
            }
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_export_to_a_full_disk_stops_with_a_clear_message_leaves_no_folder_and_is_audited(DatabaseProvider db)
    {
        var (source, _) = await nodes.SourceAsync(db);
        var target = nodes.NewFolder("full-disk");
        var failedBefore = await ExportNodes.AuditCountAsync(source, NodeExportAudit.Export, "failed");

        var error = await Should.ThrowAsync<NodeExportException>(() => source.WithScopeAsync(sp =>
            ActivatorUtilities.CreateInstance<NodeExporter>(sp, new FullDisk(256 * 1024)).ExportAsync(target, includeKeys: false)));

        error.Message.ShouldBe($"The export to {target} failed and nothing was written there: No space left on device");
        Directory.Exists(target).ShouldBeFalse();
        Directory.GetFileSystemEntries(nodes.Root, "." + Path.GetFileName(target) + "*").ShouldBeEmpty();
        (await ExportNodes.AuditCountAsync(source, NodeExportAudit.Export, "failed")).ShouldBe(failedBefore + 1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_import_into_a_node_with_records_is_refused_by_name_and_writes_nothing_but_its_audit_entry(DatabaseProvider db)
    {
        var (source, _) = await nodes.SourceAsync(db);
        var folder = nodes.NewFolder("export");
        await ExportNodes.ExportAsync(source, folder);
        var before = ExportNodes.ReadTables(await SnapshotAsync(source));

        var error = await Should.ThrowAsync<NodeExportException>(() => ExportNodes.ImportAsync(source, folder));

        error.Message.ShouldStartWith("This node is not empty: AspNetUserRoles, AspNetUsers, agency, agency_destination, agency_scorecard");
        error.Message.ShouldEndWith("hold rows. Import only into a new node on which nothing but `migrate` has run.");
        var after = ExportNodes.ReadTables(await SnapshotAsync(source));
        var audit = await source.WithDbAsync(ctx => Task.FromResult(ctx.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()!));
        foreach (var table in before.Keys.Where(t => t != audit))
        {
            after[table].ShouldBe(before[table], table);
        }

        var added = after[audit].Except(before[audit]).ToList();
        added.Count.ShouldBe(2); // the refusal, and the completed export of the first snapshot (written after it)
        added.Count(a => a.Contains(NodeExportAudit.Import, StringComparison.Ordinal) && a.Contains("refused", StringComparison.Ordinal) && a.Contains("This node is not empty", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Changed_incomplete_or_foreign_exports_are_refused_each_by_name_and_the_node_stays_importable(DatabaseProvider db)
    {
        var (source, _) = await nodes.SourceAsync(db);
        var original = nodes.NewFolder("export");
        // The source's own trail may hold refused imports of other tests; the restore carries them over.
        var sourceRefusals = await ExportNodes.AuditCountAsync(source, NodeExportAudit.Import, "refused");
        var exported = await ExportNodes.ExportAsync(source, original);
        var target = nodes.Empty(db);

        await RefusedAsync(target, original, folder => File.AppendAllText(Path.Combine(folder, "data", "vacancy.csv"), "x"),
            "data/vacancy.csv was changed after the export: its SHA-256 differs from the manifest's.");
        await RefusedAsync(target, original, folder => File.Delete(Path.Combine(folder, "data", "agency.csv")),
            "The export is incomplete: data/agency.csv listed in the manifest is missing.");
        await RefusedAsync(target, original, folder => File.WriteAllText(Path.Combine(folder, "data", "notes.csv"), "a,b\r\n"),
            "The export holds files its manifest does not list: data/notes.csv.");
        await RefusedAsync(target, original, folder =>
        {
            // A row count changed in the manifest itself: its protected digest no longer matches.
            var path = Path.Combine(folder, ExportManifest.FileName);
            var manifest = ExportManifest.FromJson(File.ReadAllBytes(path))!;
            var changed = manifest with { Files = [.. manifest.Files.Select(f => f.Table == "vacancy" ? f with { Rows = f.Rows + 1 } : f)] };
            File.WriteAllBytes(path, changed.ToJson());
        }, "manifest.json failed its authentication: it was changed after the export, or this node does not have the exporting node's key ring (copy the keys into DataProtection:KeysPath first).");
        var protection = target.Services.GetRequiredService<IDataProtectionProvider>();
        await RefusedAsync(target, original, folder =>
        {
            // Sealed with the right keys, but from another release.
            var path = Path.Combine(folder, ExportManifest.FileName);
            var manifest = ExportManifest.FromJson(File.ReadAllBytes(path))!;
            File.WriteAllBytes(path, (manifest with { SchemaMigration = "20260101000000_Foundation", ProtectedDigest = null }).Seal(protection).ToJson());
        }, $"The export has the schema of migration 20260101000000_Foundation; this node is at {await LastMigrationAsync(target)}. Import into a node of the same release.");
        await RefusedAsync(target, original, folder => File.WriteAllText(Path.Combine(folder, ExportManifest.FileName), "{ not json"),
            "manifest.json is not a valid manifest: ");

        // Nothing of the source reached the target, and the untouched export still imports completely.
        (await target.WithDbAsync(ctx => ctx.Set<Caravan.Core.Agencies.Agency>().CountAsync())).ShouldBe(0);
        (await ExportNodes.AuditCountAsync(target, NodeExportAudit.Import, "refused")).ShouldBe(6);
        var imported = await ExportNodes.ImportAsync(target, original);
        imported.Rows.ShouldBe(exported.Rows);
        (await ExportNodes.AuditCountAsync(target, NodeExportAudit.Import, "refused")).ShouldBe(6 + sourceRefusals);
        (await ExportNodes.AuditCountAsync(target, NodeExportAudit.Import, "completed")).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_node_without_the_exporting_nodes_key_ring_refuses_the_export(DatabaseProvider db)
    {
        var (source, _) = await nodes.SourceAsync(db);
        var folder = nodes.NewFolder("export");
        await ExportNodes.ExportAsync(source, folder);
        var stranger = nodes.Empty(db, keys: nodes.NewFolder("other-keys"));

        var error = await Should.ThrowAsync<NodeExportException>(() => ExportNodes.ImportAsync(stranger, folder));

        error.Message.ShouldStartWith("manifest.json failed its authentication");
        (await stranger.WithDbAsync(ctx => ctx.Set<Caravan.Core.Agencies.Agency>().CountAsync())).ShouldBe(0);
        (await ExportNodes.AuditCountAsync(stranger, NodeExportAudit.Import, "refused")).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_key_ring_is_exported_only_when_asked_into_its_own_folder_outside_the_manifest(DatabaseProvider db)
    {
        var (source, _) = await nodes.SourceAsync(db);
        var without = nodes.NewFolder("export");
        var with = nodes.NewFolder("export-keys");

        (await ExportNodes.ExportAsync(source, without)).KeyRingIncluded.ShouldBeFalse();
        var result = await source.WithScopeAsync(sp => sp.GetRequiredService<NodeExporter>().ExportAsync(with, includeKeys: true));

        result.KeyRingIncluded.ShouldBeTrue();
        Directory.Exists(Path.Combine(without, NodeExporter.KeyRingFolder)).ShouldBeFalse();
        Directory.GetFiles(Path.Combine(with, NodeExporter.KeyRingFolder)).Select(Path.GetFileName).Order()
            .ShouldBe(Directory.GetFiles(nodes.Keys).Select(Path.GetFileName).Order());
        File.ReadAllText(Path.Combine(with, NodeExporter.KeyRingFolder, "lookup-hash.key")).ShouldBe(File.ReadAllText(Path.Combine(nodes.Keys, "lookup-hash.key")));
        var manifest = ExportManifest.FromJson(File.ReadAllBytes(Path.Combine(with, ExportManifest.FileName)))!;
        manifest.KeyRingIncluded.ShouldBeTrue();
        manifest.Files.ShouldNotContain(f => f.Path.StartsWith(NodeExporter.KeyRingFolder, StringComparison.Ordinal));
        // The key ring beside the data is not an extra file: the export still imports.
        (await ExportNodes.ImportAsync(nodes.Empty(db), with)).Rows.ShouldBe(result.Rows);
    }

    private async Task<string> SnapshotAsync(CaravanApp app)
    {
        var folder = nodes.NewFolder("snapshot");
        await ExportNodes.ExportAsync(app, folder);
        return folder;
    }

    private static Task<string> LastMigrationAsync(CaravanApp app) =>
        app.WithDbAsync(async ctx => (await ctx.Database.GetAppliedMigrationsAsync()).Last());

    /// <summary>Copies the export, spoils the copy, and expects the import to refuse it with that message.</summary>
    private async Task RefusedAsync(CaravanApp target, string original, Action<string> spoil, string message)
    {
        var copy = nodes.NewFolder("spoilt");
        foreach (var file in Directory.EnumerateFiles(original, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(original, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        spoil(copy);
        var error = await Should.ThrowAsync<NodeExportException>(() => ExportNodes.ImportAsync(target, copy));
        error.Message.ShouldStartWith(message);
        var refusal = await target.WithDbAsync(ctx => ctx.Set<AuditEntry>().Where(a => a.EntityType == NodeExportAudit.Import)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Changes).FirstAsync());
        refusal.ShouldContain("\"to\":\"refused\"");
        refusal.ShouldContain(Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message))[1..^1]);
    }
}

using System.Globalization;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// The backup verbs (docs/operations.md, ops/backup-drill.sh): <c>backup-sqlite FILE</c> copies a running SQLite node
/// with SQLite's online backup API; <c>smoke-check</c> proves a restored node works: a staff password sign-in, a
/// passport found by its keyed hash and decrypted with the key ring, and the audit trail present.
/// Neither migrates nor seeds: they see the database exactly as it is.
/// </summary>
public static class BackupCommand
{
    public const string BackupSqlite = "backup-sqlite";
    public const string SmokeCheck = "smoke-check";

    public static readonly IReadOnlyList<string> Verbs = [BackupSqlite, SmokeCheck];

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        return args.Contains(BackupSqlite, StringComparer.Ordinal) ? await BackupAsync(sp, args) : await SmokeCheckAsync(sp, args);
    }

    private static async Task<int> BackupAsync(IServiceProvider sp, IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf(BackupSqlite);
        var db = sp.GetRequiredService<CaravanDbContext>();
        if (at + 1 >= args.Count || !db.Database.IsSqlite())
        {
            await Console.Error.WriteLineAsync($"usage: {BackupSqlite} FILE (on a SQLite node; FILE must not exist yet)");
            return 2;
        }

        var file = Path.GetFullPath(args[at + 1]);
        if (File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"{file} already exists; choose a new file for the backup.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial";
        File.Delete(partial);
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            // Page by page while the node keeps running; the copy is one consistent moment of the database.
            source.BackupDatabase(target);
        }

        File.Move(partial, file);
        Console.WriteLine($"Backed up the node's SQLite database to {file}. Back up DataProtection:KeysPath with it, kept apart.");
        return 0;
    }

    private static async Task<int> SmokeCheckAsync(IServiceProvider sp, IReadOnlyList<string> args)
    {
        var email = Option(args, "--staff");
        var password = Option(args, "--password");
        var document = Option(args, "--document");
        var auditEntries = Option(args, "--audit-entries");
        if (email is null || password is null || document is null)
        {
            await Console.Error.WriteLineAsync($"usage: {SmokeCheck} --staff EMAIL --password PASSWORD --document NUMBER [--audit-entries N]");
            return 2;
        }

        var failures = 0;
        void Report(bool ok, string what)
        {
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
            failures += ok ? 0 : 1;
        }

        var users = sp.GetRequiredService<UserManager<CaravanUser>>();
        var user = await users.FindByEmailAsync(email);
        var signIn = user is null ? SignInResult.Failed : await sp.GetRequiredService<SignInManager<CaravanUser>>().CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        var roles = user is null ? [] : await users.GetRolesAsync(user);
        Report(signIn.Succeeded && roles.Any(r => r != Roles.Migrant), $"staff sign-in of {email} ({string.Join(", ", roles)})");

        var db = sp.GetRequiredService<CaravanDbContext>();
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.DocumentHash == sensitive.LookupHash(document));
        string? number = null;
        try
        {
            number = person?.DocumentCipher is { } cipher ? sensitive.Unprotect(cipher) : null;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            Console.WriteLine($"     the key ring does not open the document: {e.Message}");
        }

        Report(number == SensitiveData.NormaliseDocumentNumber(document),
            person is null ? "passport lookup: no person has that document number (wrong lookup key, or data missing)" : $"passport lookup and decryption ({person.Reference})");

        var count = await db.Set<AuditEntry>().LongCountAsync();
        var latest = await db.Set<AuditEntry>().MaxAsync(a => (DateTime?)a.At);
        var expected = auditEntries is null ? (long?)null : long.Parse(auditEntries, CultureInfo.InvariantCulture);
        Report(count > 0 && (expected is null || count == expected),
            string.Create(CultureInfo.InvariantCulture, $"audit trail: {count:N0} entries{(expected is null ? "" : $" (expected {expected:N0})")}, latest {latest:u}"));
        Console.WriteLine(failures == 0 ? "The node passes the smoke check." : $"{failures} check(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }
}

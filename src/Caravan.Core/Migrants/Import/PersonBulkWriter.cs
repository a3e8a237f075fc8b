using System.Data.Common;
using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Core.Migrants.Import;

/// <summary>
/// Writes an import's checked rows and its duplicate candidates in bulk: PostgreSQL's binary COPY, or one prepared
/// INSERT on SQLite, inside the caller's transaction. SaveChanges is some 20 times slower for a batch of thousands.
/// </summary>
internal static class PersonBulkWriter
{
    private const string PersonColumns = "id, reference, status, channel, phone, given_name, family_name, patronymic, given_key, family_key, patronymic_key, birth_date, birth_year, sex, citizenship, region_code, document_cipher, document_hash, document_hint, occupations, skills, preferred_destinations, languages, work_history, created_at, registered_at, updated_at, import_id";

    private static string ReferenceOf(long first, PreparedPerson p) => ReferenceCode.Create(RegistryCommands.ReferencePrefix, first + p.Index);

    /// <summary>An imported person is a registration for statistics too, counted on the day of the import.</summary>
    internal static IEnumerable<Fact> RegistrationFacts(List<PreparedPerson> rows, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        return rows.Select(p => FactWriter.ForRegistration(new FactPerson(FactPerson.FactSex(p.Sex), p.BirthDate, p.Region), today, now));
    }

    internal static async Task CopyPersonsAsync(NpgsqlConnection connection, List<PreparedPerson> rows, long first, Guid importId, DateTime now, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY person ({PersonColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        string[] empty = [];
        foreach (var p in rows)
        {
            // Synchronous writes: they only fill a buffer, and awaiting each value costs more than the write.
            writer.StartRow();
            writer.Write(p.Id, NpgsqlDbType.Uuid);
            writer.Write(ReferenceOf(first, p));
            writer.Write(nameof(PersonStatus.Active));
            writer.Write(nameof(RegistrationChannel.Import));
            WriteNullable(writer, p.Phone);
            writer.Write(p.Given);
            writer.Write(p.Family);
            WriteNullable(writer, p.Patronymic);
            writer.Write(p.GivenKey);
            writer.Write(p.FamilyKey);
            WriteNullable(writer, p.PatronymicKey);
            writer.Write(p.BirthDate, NpgsqlDbType.Date);
            writer.Write(p.BirthDate.Year, NpgsqlDbType.Integer);
            writer.Write(p.Sex.ToString());
            writer.Write(p.Citizenship);
            WriteNullable(writer, p.Region);
            WriteNullable(writer, p.Cipher);
            WriteNullable(writer, p.Hash);
            WriteNullable(writer, p.Hint);
            writer.Write(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write("[]", NpgsqlDbType.Jsonb);
            writer.Write("[]", NpgsqlDbType.Jsonb);
            writer.Write(now, NpgsqlDbType.TimestampTz);
            writer.Write(now, NpgsqlDbType.TimestampTz);
            writer.Write(now, NpgsqlDbType.TimestampTz);
            writer.Write(importId, NpgsqlDbType.Uuid);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    internal static void WriteNullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value);
        }
    }

    internal static void InsertPersons(SqliteConnection connection, SqliteTransaction transaction, List<PreparedPerson> rows, long first, Guid importId, DateTime now, CancellationToken cancellationToken)
    {
        var names = PersonColumns.Split(", ");
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO person ({PersonColumns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
        // In column order, so each row sets them by position rather than looking them up by name.
        var parameters = names.Select(n => command.Parameters.Add("$" + n, SqliteType.Text)).ToArray();
        command.Prepare();
        // Stored exactly as EF Core's SQLite provider stores them, so EF reads these rows like its own.
        var stamp = SqliteStamp(now);
        var import = importId.ToString().ToUpperInvariant();
        Set(parameters[2], nameof(PersonStatus.Active));
        Set(parameters[3], nameof(RegistrationChannel.Import));
        for (var i = 19; i <= 23; i++)
        {
            Set(parameters[i], "[]");
        }

        Set(parameters[24], stamp);
        Set(parameters[25], stamp);
        Set(parameters[26], stamp);
        Set(parameters[27], import);
        foreach (var p in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Set(parameters[0], p.Id.ToString().ToUpperInvariant());
            Set(parameters[1], ReferenceOf(first, p));
            Set(parameters[4], p.Phone);
            Set(parameters[5], p.Given);
            Set(parameters[6], p.Family);
            Set(parameters[7], p.Patronymic);
            Set(parameters[8], p.GivenKey);
            Set(parameters[9], p.FamilyKey);
            Set(parameters[10], p.PatronymicKey);
            Set(parameters[11], p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            parameters[12].Value = p.BirthDate.Year;
            Set(parameters[13], p.Sex.ToString());
            Set(parameters[14], p.Citizenship);
            Set(parameters[15], p.Region);
            Set(parameters[16], p.Cipher);
            Set(parameters[17], p.Hash);
            Set(parameters[18], p.Hint);
            // SQLite works synchronously; the async call only adds a state machine per row.
            command.ExecuteNonQuery();
        }
    }

    internal static void Set(DbParameter parameter, string? value) => parameter.Value = (object?)value ?? DBNull.Value;

    private const string CandidateColumns = "id, keep_id, other_id, weight, certain, reasons, status, found_at, decided_at";

    internal static async Task CopyCandidatesAsync(NpgsqlConnection connection, DuplicateCandidate[] rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY duplicate_candidate ({CandidateColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var c in rows)
        {
            writer.StartRow();
            writer.Write(c.Id, NpgsqlDbType.Uuid);
            writer.Write(c.KeepId, NpgsqlDbType.Uuid);
            writer.Write(c.OtherId, NpgsqlDbType.Uuid);
            writer.Write(c.Weight, NpgsqlDbType.Double);
            writer.Write(c.Certain, NpgsqlDbType.Boolean);
            writer.Write(c.Reasons, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(c.Status.ToString());
            writer.Write(c.FoundAt, NpgsqlDbType.TimestampTz);
            if (c.DecidedAt is { } decided)
            {
                writer.Write(decided, NpgsqlDbType.TimestampTz);
            }
            else
            {
                writer.WriteNull();
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    internal static void InsertCandidates(SqliteConnection connection, SqliteTransaction transaction, DuplicateCandidate[] rows, CancellationToken cancellationToken)
    {
        var names = CandidateColumns.Split(", ");
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO duplicate_candidate ({CandidateColumns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
        var parameters = names.Select(n => command.Parameters.Add("$" + n, n switch { "weight" => SqliteType.Real, "certain" => SqliteType.Integer, _ => SqliteType.Text })).ToArray();
        command.Prepare();
        foreach (var c in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Stored as EF Core's SQLite provider stores them: upper-case GUID text, a JSON array, 0/1 and its date format.
            Set(parameters[0], c.Id.ToString().ToUpperInvariant());
            Set(parameters[1], c.KeepId.ToString().ToUpperInvariant());
            Set(parameters[2], c.OtherId.ToString().ToUpperInvariant());
            parameters[3].Value = c.Weight;
            parameters[4].Value = c.Certain ? 1 : 0;
            Set(parameters[5], System.Text.Json.JsonSerializer.Serialize(c.Reasons));
            Set(parameters[6], c.Status.ToString());
            Set(parameters[7], SqliteStamp(c.FoundAt));
            Set(parameters[8], c.DecidedAt is { } decided ? SqliteStamp(decided) : null);
            command.ExecuteNonQuery();
        }
    }

    internal static string SqliteStamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

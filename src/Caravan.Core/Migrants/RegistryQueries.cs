using Caravan.Core.Data;
using Caravan.Core.Migrants.Matching;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>One row of an officer's search: no Sensitive field, so listing it needs no access-log entry.</summary>
public sealed record PersonRow(Guid Id, string Reference, string GivenName, string FamilyName, string? Patronymic, DateOnly? BirthDate, string? RegionCode, string? DocumentHint, PersonStatus Status);

public sealed class RegistryQueries(CaravanDbContext db, SensitiveData sensitive)
{
    public const int PageSize = 50;

    /// <summary>
    /// Finds persons by a document number (exact, through its keyed hash) or by name in any script: every word must
    /// start a canonical given, family or patronymic key, so "Хасанов Алишер" finds "Alisher Xasanov".
    /// </summary>
    public async Task<List<PersonRow>> SearchAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        IQueryable<Person> query = db.Set<Person>().AsNoTracking().Where(p => p.Status == PersonStatus.Active);
        var document = SensitiveData.NormaliseDocumentNumber(text);
        // Names carry no digits, so any digit means a document number, typed with or without spaces.
        var looksLikeDocument = document.Any(char.IsAsciiDigit);
        if (looksLikeDocument)
        {
            var hash = sensitive.LookupHash(document);
            query = query.Where(p => p.DocumentHash == hash);
        }
        else
        {
            var words = NameKeys.Canonical(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4).ToList();
            if (words.Count == 0)
            {
                return [];
            }

            // Family and given keys only: each has a prefix index for active persons on PostgreSQL, so the OR is a
            // bitmap of two index scans. The patronymic had none, and with it the planner walked a whole index.
            foreach (var word in words)
            {
                query = query.Where(p => p.FamilyKey.StartsWith(word) || p.GivenKey.StartsWith(word));
            }
        }

        // No ORDER BY in SQL: ordering by key made PostgreSQL walk the key index in order, filtering every row, instead
        // of using the prefix indexes. One row more than a page says the list is incomplete; it is sorted here.
        var rows = await query.Take(PageSize + 1)
            .Select(p => new PersonRow(p.Id, p.Reference, p.GivenName, p.FamilyName, p.Patronymic, p.BirthDate, p.RegionCode, p.DocumentHint, p.Status))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.FamilyName, StringComparer.CurrentCulture).ThenBy(r => r.GivenName, StringComparer.CurrentCulture)];
    }
}

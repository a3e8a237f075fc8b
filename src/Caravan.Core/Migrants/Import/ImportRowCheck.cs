using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Migrants.Matching;
using Caravan.Core.Identity;

namespace Caravan.Core.Migrants.Import;

/// <summary>
/// Checks one row of an import, in the registry's own rules (names, dates, codes, phone and document), and prepares it
/// for writing: canonical name keys, and the document encrypted and hashed. Thread-safe: rows are checked in parallel.
/// </summary>
internal sealed class ImportRowCheck(SensitiveData sensitive)
{
    public PreparedPerson? Check(Guid importId, long row, string?[] f, ImportReferenceData reference, DateOnly today, ref List<RegistryImportError>? rowErrors, int index)
    {
        // Most rows are valid, so the list of their errors is only made for the others.
        List<RegistryImportError>? errors = null;
        void Error(string column, string key) => (errors ??= []).Add(new RegistryImportError { ImportId = importId, Row = row, Column = column, Key = key });

        if (f[0] == "\u0000")
        {
            Error("*", "Import.BadQuotes");
            rowErrors = errors;
            return null;
        }

        var family = f[0];
        var given = f[1];
        var patronymic = string.IsNullOrWhiteSpace(f[2]) ? null : f[2];
        if (PersonInput.CheckName(family, required: true) is { } e0)
        {
            Error("family_name", e0);
        }

        if (PersonInput.CheckName(given, required: true) is { } e1)
        {
            Error("given_name", e1);
        }

        if (PersonInput.CheckName(patronymic, required: false) is { } e2)
        {
            Error("patronymic", e2);
        }

        DateOnly? born = DateOnly.TryParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        if (born is null)
        {
            Error("birth_date", string.IsNullOrWhiteSpace(f[3]) ? "Person.BirthDateRequired" : "Import.DateFormat");
        }
        else if (PersonInput.CheckBirthDate(born, today) is { } e3)
        {
            Error("birth_date", e3);
        }

        Sex? sex = f[4]?.ToUpperInvariant() switch { "F" => Sex.Female, "M" => Sex.Male, _ => null };
        if (sex is null)
        {
            Error("sex", "Import.SexFormat");
        }

        var citizenship = f[5]?.ToUpperInvariant();
        if (citizenship is null || !reference.Countries.Contains(citizenship))
        {
            Error("citizenship", "Person.CitizenshipRequired");
        }

        var region = string.IsNullOrWhiteSpace(f[6]) ? null : f[6]!.ToUpperInvariant();
        if (region is not null && !reference.Regions.Contains(region))
        {
            Error("region", "Person.RegionRequired");
        }

        if (PersonInput.CheckDocument(f[7], required: false) is { } e7)
        {
            Error("document_number", e7);
        }

        var phone = string.IsNullOrWhiteSpace(f[8]) ? null : PhoneNumbers.Normalize(f[8]);
        if (phone is not null && !PhoneNumbers.IsE164(phone))
        {
            Error("phone", "Validation.PhoneFormat");
        }

        if (errors is not null)
        {
            rowErrors = errors;
            return null;
        }

        string? cipher = null, hash = null, hint = null;
        if (!string.IsNullOrWhiteSpace(f[7]))
        {
            var document = SensitiveData.NormaliseDocumentNumber(f[7]!);
            cipher = sensitive.Protect(document);
            hash = sensitive.LookupHash(document);
            hint = SensitiveData.Mask(document);
        }

        return new PreparedPerson(
            index, Guid.CreateVersion7(), phone, given!.Trim(), family!.Trim(), patronymic?.Trim(),
            NameKeys.Canonical(given), NameKeys.Canonical(family), patronymic is null ? null : NameKeys.CanonicalPatronymic(patronymic),
            born!.Value, sex!.Value, citizenship!, region, cipher, hash, hint);
    }
}

using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Migrants.Matching;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>Who is acting on a person's record, as the access log and the history show them.</summary>
public sealed record RegistryActor(Guid? UserId, string Name, string Role, string Organisation);

/// <summary>
/// Writes to the migrant registry: registration (self and assisted), claims, changes with review and logged reads
/// of Sensitive fields. Consent is <see cref="PersonConsents"/>; duplicates, merge and split <see cref="PersonDuplicates"/>. Every write goes through SaveChanges,
/// so it is audited and commits with its history row or not at all.
/// </summary>
public sealed class RegistryCommands(CaravanDbContext db, SensitiveData sensitive, PersonDuplicates duplicates, TimeProvider time)
{
    public const string ReferencePrefix = "PER";
    public const string SequenceName = "PER";
    public const long SequenceStart = 100000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The record that speaks for this account: its own, or the one it was merged into.</summary>
    public async Task<Person?> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return person is null ? null : await ResolveAsync(person, cancellationToken);
    }

    public async Task<Person?> ByReferenceAsync(string reference, CancellationToken cancellationToken = default) =>
        await db.Set<Person>().FirstOrDefaultAsync(p => p.Reference == reference && p.Status != PersonStatus.Draft, cancellationToken);

    public async Task<Person> ResolveAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var current = person;
        // Merges can chain (A into B, later B into C); a few hops at most, bounded against a corrupt cycle.
        for (var hops = 0; current.MergedIntoId is { } into && hops < 10; hops++)
        {
            current = await db.Set<Person>().SingleAsync(p => p.Id == into, cancellationToken);
        }

        return current;
    }

    /// <summary>The ids whose rows belong to this person: the record and those merged into it.</summary>
    public async Task<List<Guid>> RecordIdsAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var ids = new List<Guid> { personId };
        var frontier = new List<Guid> { personId };
        while (frontier.Count > 0 && ids.Count < 100)
        {
            frontier = await db.Set<Person>().Where(p => p.MergedIntoId != null && frontier.Contains(p.MergedIntoId.Value))
                .Select(p => p.Id).ToListAsync(cancellationToken);
            ids.AddRange(frontier);
        }

        return ids;
    }

    /// <summary>The migrant's self-registration, kept as a draft row so nothing is lost between pages.</summary>
    public async Task<Person> DraftForUserAsync(Guid userId, string? phone, string? messageCulture, CancellationToken cancellationToken = default)
    {
        var existing = await ForUserAsync(userId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var person = new Person
        {
            UserId = userId,
            Phone = phone,
            // The language the person registers in is the best first guess at the one they read messages in.
            MessageCulture = messageCulture,
            Status = PersonStatus.Draft,
            Channel = RegistrationChannel.Self,
            Reference = "DRAFT-" + Guid.NewGuid().ToString("N")[..12],
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>The language of the person's text messages, from the node's seven.</summary>
    public async Task SetMessageCultureAsync(Person person, string culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.MessageCulture = culture;
        person.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static void SetNames(Person person, string given, string family, string? patronymic)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.GivenName = given.Trim();
        person.FamilyName = family.Trim();
        person.Patronymic = string.IsNullOrWhiteSpace(patronymic) ? null : patronymic.Trim();
        person.GivenKey = NameKeys.Canonical(person.GivenName);
        person.FamilyKey = NameKeys.Canonical(person.FamilyName);
        person.PatronymicKey = person.Patronymic is null ? null : NameKeys.CanonicalPatronymic(person.Patronymic);
    }

    public static void SetBirthDate(Person person, DateOnly? birthDate)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.BirthDate = birthDate;
        person.BirthYear = birthDate?.Year;
    }

    public void SetDocument(Person person, string? number)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (string.IsNullOrWhiteSpace(number))
        {
            person.DocumentCipher = person.DocumentHash = person.DocumentHint = null;
            return;
        }

        var normalised = SensitiveData.NormaliseDocumentNumber(number);
        person.DocumentCipher = sensitive.Protect(normalised);
        person.DocumentHash = sensitive.LookupHash(normalised);
        person.DocumentHint = SensitiveData.Mask(normalised);
    }

    public Task SaveAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.UpdatedAt = Now;
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Turns a finished draft into a registry record with a reference, and looks for duplicates.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> CompleteAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Status != PersonStatus.Draft)
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        person.Reference = await NewReferenceAsync(cancellationToken);
        person.Status = PersonStatus.Active;
        person.RegisteredAt = Now;
        person.UpdatedAt = Now;
        AddRegistrationFact(person);
        await db.SaveChangesAsync(cancellationToken);
        var found = await duplicates.FindDuplicatesAsync(person, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    /// <summary>An officer registers a person on their behalf, with the consent the person gave in front of them.</summary>
    public async Task<(Person Person, IReadOnlyList<DuplicateCandidate> Duplicates)> RegisterAssistedAsync(
        Person person, RegistryActor officer, string consentGivenBy, IReadOnlyList<(ConsentPurpose Purpose, string Version, string Language, string Text)> consents,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(consents);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        person.Reference = await NewReferenceAsync(cancellationToken);
        person.Status = PersonStatus.Active;
        person.Channel = RegistrationChannel.Assisted;
        person.RegisteredById = officer.UserId;
        person.CreatedAt = person.UpdatedAt = Now;
        person.RegisteredAt = Now;
        db.Add(person);
        foreach (var (purpose, version, language, text) in consents)
        {
            db.Add(PersonConsents.Given(person.Id, purpose, null, (version, language, text), Now, consentGivenBy, officer.UserId));
        }

        AddRegistrationFact(person);
        await db.SaveChangesAsync(cancellationToken);
        var found = await duplicates.FindDuplicatesAsync(person, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (person, found);
    }

    /// <summary>
    /// A record an officer made for this phone number that no account has claimed yet. The phone was proven by the
    /// one-time code; the birth date asked on the claim page is the second factor that it is the same person.
    /// </summary>
    public async Task<Person?> ClaimableAsync(string phone, CancellationToken cancellationToken = default) =>
        await db.Set<Person>().Where(p => p.Phone == phone && p.UserId == null && p.Status == PersonStatus.Active)
            .OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<bool> ClaimAsync(Person person, Guid userId, DateOnly birthDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.UserId is not null || person.BirthDate != birthDate)
        {
            return false;
        }

        // A draft the account started before claiming is dropped: the claimed record replaces it.
        var drafts = await db.Set<Person>().Where(p => p.UserId == userId && p.Status == PersonStatus.Draft).ToListAsync(cancellationToken);
        db.RemoveRange(drafts);
        person.UserId = userId;
        person.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A change to one field. The person's own change to an identity field waits for review; anything else applies
    /// at once. Both are kept in the record's history.
    /// </summary>
    public async Task<PersonChange> ChangeAsync(Person person, string field, string? oldValue, string? newValue, RegistryActor actor, bool byThePerson, Action<Person>? apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(actor);
        var review = byThePerson && PersonFields.NeedReview.Contains(field);
        var change = new PersonChange
        {
            PersonId = person.Id,
            At = Now,
            ByUserId = actor.UserId,
            ByRole = actor.Role,
            Field = field,
            // A document number never sits in the history in clear: pending values are kept encrypted.
            OldValue = field == PersonFields.Document ? person.DocumentHint : oldValue,
            NewValue = field == PersonFields.Document && newValue is not null
                ? sensitive.Protect(SensitiveData.NormaliseDocumentNumber(newValue))
                : newValue,
            Status = review ? ChangeStatus.PendingReview : ChangeStatus.Applied,
        };
        if (!review)
        {
            apply?.Invoke(person);
            if (field == PersonFields.Document)
            {
                change.NewValue = person.DocumentHint;
            }
        }

        db.Add(change);
        person.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return change;
    }

    public async Task<List<PersonChange>> PendingChangesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<PersonChange>().AsNoTracking().Where(c => c.Status == ChangeStatus.PendingReview)
            .OrderBy(c => c.At).Take(200).ToListAsync(cancellationToken);

    /// <summary>An officer approves or rejects a pending identity change; approval applies it.</summary>
    public async Task<bool> ReviewChangeAsync(Guid changeId, bool approve, string? note, RegistryActor officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var change = await db.Set<PersonChange>().SingleOrDefaultAsync(c => c.Id == changeId && c.Status == ChangeStatus.PendingReview, cancellationToken);
        if (change is null)
        {
            return false;
        }

        var person = await db.Set<Person>().SingleAsync(p => p.Id == change.PersonId, cancellationToken);
        if (approve)
        {
            Apply(person, change);
        }

        change.Status = approve ? ChangeStatus.Approved : ChangeStatus.Rejected;
        change.ReviewedById = officer.UserId;
        change.ReviewedAt = Now;
        change.ReviewNote = note;
        if (change.Field == PersonFields.Document)
        {
            // Once decided, the history needs only the hint, not the cipher of the proposed number.
            change.NewValue = approve ? person.DocumentHint : null;
        }

        person.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The value a pending change proposes, for the reviewing officer; a document is decrypted and the read logged.</summary>
    public async Task<string?> ProposedValueAsync(PersonChange change, RegistryActor officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Field != PersonFields.Document || change.NewValue is null || change.Status != ChangeStatus.PendingReview)
        {
            return change.NewValue;
        }

        await LogAccessAsync(change.PersonId, AccessAction.ViewDocument, officer, AccessReasons.ChangeReview, cancellationToken);
        return sensitive.Unprotect(change.NewValue);
    }

    private void Apply(Person person, PersonChange change)
    {
        switch (change.Field)
        {
            case PersonFields.GivenName:
                SetNames(person, change.NewValue ?? person.GivenName, person.FamilyName, person.Patronymic);
                break;
            case PersonFields.FamilyName:
                SetNames(person, person.GivenName, change.NewValue ?? person.FamilyName, person.Patronymic);
                break;
            case PersonFields.Patronymic:
                SetNames(person, person.GivenName, person.FamilyName, change.NewValue);
                break;
            case PersonFields.BirthDate:
                SetBirthDate(person, change.NewValue is null ? null : DateOnly.ParseExact(change.NewValue, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case PersonFields.Document:
                SetDocument(person, change.NewValue is null ? null : sensitive.Unprotect(change.NewValue));
                break;
            default:
                throw new InvalidOperationException($"Field {change.Field} does not wait for review.");
        }
    }

    /// <summary>Shows a document number to someone other than the person, and writes the read to the access log first.</summary>
    public async Task<string?> RevealDocumentAsync(Person person, RegistryActor actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.DocumentCipher is null)
        {
            return null;
        }

        await LogAccessAsync(person.Id, AccessAction.ViewDocument, actor, reason, cancellationToken);
        return sensitive.Unprotect(person.DocumentCipher);
    }

    /// <summary>The person's own view of their document: not logged, since the log is of others' reads.</summary>
    public string? OwnDocument(Person person) => person?.DocumentCipher is { } cipher ? sensitive.Unprotect(cipher) : null;

    public async Task LogAccessAsync(Guid personId, AccessAction action, RegistryActor actor, string reason, CancellationToken cancellationToken = default)
    {
        db.Add(PersonAccess.By(actor, personId, action, reason, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<List<PersonAccess>> AccessLogAsync(Guid personId, CancellationToken cancellationToken = default) =>
        AccessLogAsync(personId, 500, cancellationToken);

    /// <summary>The newest <paramref name="take"/> reads of the record (pages show 500; an export takes them all).</summary>
    public async Task<List<PersonAccess>> AccessLogAsync(Guid personId, int take, CancellationToken cancellationToken)
    {
        var ids = await RecordIdsAsync(personId, cancellationToken);
        return await db.Set<PersonAccess>().AsNoTracking().Where(a => ids.Contains(a.PersonId)).OrderByDescending(a => a.At).Take(take).ToListAsync(cancellationToken);
    }

    public Task<List<PersonChange>> HistoryAsync(Guid personId, CancellationToken cancellationToken = default) =>
        HistoryAsync(personId, 500, cancellationToken);

    /// <summary>The newest <paramref name="take"/> changes of the record (pages show 500; an export takes them all).</summary>
    public async Task<List<PersonChange>> HistoryAsync(Guid personId, int take, CancellationToken cancellationToken)
    {
        var ids = await RecordIdsAsync(personId, cancellationToken);
        return await db.Set<PersonChange>().AsNoTracking().Where(c => ids.Contains(c.PersonId)).OrderByDescending(c => c.At).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<Person?> ByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    private async Task<string> NewReferenceAsync(CancellationToken cancellationToken)
    {
        var number = await db.ReserveAsync(SequenceName, 1, SequenceStart, cancellationToken);
        return ReferenceCode.Create(ReferencePrefix, number);
    }

    private void AddRegistrationFact(Person person) => db.Add(FactWriter.ForRegistration(FactPerson.Of(person), Today, Now));
}

using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>
/// Reading a case: finding it, and opening its file (narrative, indicators, timeline, attachments) for someone the
/// access rules allow, with the read written to the person's access log first.
/// </summary>
public sealed class CaseFiles(CaravanDbContext db, SensitiveData sensitive, CaseAccessRules access, TimeProvider time)
{
    public async Task<LegalCase?> ByReferenceAsync(string reference, CancellationToken cancellationToken = default) =>
        await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);

    /// <summary>Decrypts the file for someone allowed to read it, writing the read to the person's access log first.</summary>
    public async Task<CaseFile?> OpenFileAsync(LegalCase c, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.AccessAsync(c, actor.UserId, cancellationToken) != CaseAccess.File)
        {
            return null;
        }

        if (c.PersonId is { } personId)
        {
            db.Add(PersonAccess.By(actor, personId, AccessAction.OpenCase, AccessReasons.CaseWork, time.GetUtcNow().UtcDateTime, c.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await LoadFileAsync(c, cancellationToken);
    }

    /// <summary>The reporter's own view: the migrant or the holder of a tracking code. Not logged: it is their own.</summary>
    public Task<CaseFile> ReporterFileAsync(LegalCase c, CancellationToken cancellationToken = default) => LoadFileAsync(c, cancellationToken);

    private async Task<CaseFile> LoadFileAsync(LegalCase c, CancellationToken cancellationToken)
    {
        // One round trip for the names around the case, one for the timeline, and one for attachments only when the
        // timeline says there are some: opening a file is the most frequent read of a case worker's day.
        var names = await db.Set<CaseTeam>().AsNoTracking().Where(t => t.Id == c.TeamId).Select(t => new
        {
            Team = t,
            Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
            Agency = db.Set<Agency>().Where(x => x.Id == c.AgencyId).Select(x => x.Name).FirstOrDefault(),
            Person = db.Set<Person>().Where(x => x.Id == c.PersonId).Select(x => x.Reference).FirstOrDefault(),
        }).SingleAsync(cancellationToken);
        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var attachments = events.Any(e => e.Kind == CaseEventKind.Attachment)
            ? await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.UploadedAt).ToListAsync(cancellationToken)
            : [];
        var (team, assignee, agency, person) = (names.Team, names.Assignee, names.Agency, names.Person);
        return new CaseFile(
            c,
            sensitive.Unprotect(c.NarrativeCipher),
            Indicators(c),
            events.Select(e => new TimelineEntry(e.Id, e.At, e.Kind, e.ActorName, e.FromReporter, e.TextCipher is null ? null : sensitive.Unprotect(e.TextCipher), e.Detail, e.DueOn, e.AttachmentId)).ToList(),
            attachments.Select(x => new AttachmentInfo(x.Id, sensitive.Unprotect(x.FileNameCipher), x.ContentType, x.Length, x.UploadedAt, x.FromReporter)).ToList(),
            team,
            assignee,
            agency,
            person);
    }

    public IReadOnlyList<ForcedLabourIndicator> Indicators(LegalCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = sensitive.Unprotect(c.IndicatorsCipher);
        return text.Length == 0 ? [] : text.Split(',').Select(Enum.Parse<ForcedLabourIndicator>).ToList();
    }
}

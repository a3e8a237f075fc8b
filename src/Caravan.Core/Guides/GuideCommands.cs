using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Guides;

public enum GuideResult
{
    Done,
    NotFound,

    /// <summary>The input has errors; nothing was saved.</summary>
    Invalid,

    /// <summary>Another guide already has this slug in this language.</summary>
    SlugTaken,

    /// <summary>Only a guide sent for review can be published.</summary>
    NotInReview,

    /// <summary>The officer who wrote the text cannot be the one who publishes it.</summary>
    OwnText,

    /// <summary>Someone saved the guide after this officer opened it.</summary>
    Stale,
}

public sealed record GuideSaveOutcome(GuideResult Result, Guide? Guide, IReadOnlyList<(string Field, string Key)> Errors);

/// <summary>
/// Writing, review and publication of guides. A text reaches readers only after another officer has reviewed it, and
/// every step is one SaveChanges, so one audited transaction.
/// </summary>
public sealed class GuideCommands(CaravanDbContext db, Catalogue catalogue, IAuditActor actor, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates a guide, or revises the working text of one; a revised published guide stays published as it was until the revision is.</summary>
    public async Task<GuideSaveOutcome> SaveAsync(Guid? id, GuideInput input, Guid? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input.Normalised();
        var countries = await catalogue.CountryNamesAsync("en", cancellationToken);
        var errors = input.Validate(countries.ContainsKey).ToList();
        if (errors.Count > 0)
        {
            return new GuideSaveOutcome(GuideResult.Invalid, null, errors);
        }

        Guide? guide;
        if (id is { } existing)
        {
            guide = await db.Set<Guide>().SingleOrDefaultAsync(g => g.Id == existing, cancellationToken);
            if (guide is null)
            {
                return new GuideSaveOutcome(GuideResult.NotFound, null, []);
            }

            if (version is { } v && v != guide.Version)
            {
                return new GuideSaveOutcome(GuideResult.Stale, guide, []);
            }
        }
        else
        {
            guide = new Guide { Slug = input.Slug!, Language = input.Language!, Title = string.Empty, Summary = string.Empty, Body = string.Empty, WrittenBy = actor.Name };
            db.Add(guide);
        }

        if (await db.Set<Guide>().AnyAsync(g => g.Id != guide.Id && g.Slug == input.Slug && g.Language == input.Language, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return new GuideSaveOutcome(GuideResult.SlugTaken, null, [("slug", "Guide.Error.SlugTaken")]);
        }

        guide.Slug = input.Slug!;
        guide.Language = input.Language!;
        guide.Kind = input.Kind;
        guide.DestinationCountry = input.DestinationCountry;
        guide.ForYouth = input.ForYouth;
        guide.Title = input.Title!;
        guide.Summary = input.Summary!;
        guide.Body = input.Body!;
        guide.Status = GuideStatus.Draft;
        guide.WrittenBy = actor.Name;
        guide.UpdatedAt = Now;
        guide.SubmittedAt = null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new GuideSaveOutcome(GuideResult.Stale, null, []);
        }

        return new GuideSaveOutcome(GuideResult.Done, guide, []);
    }

    public async Task<GuideResult> SubmitForReviewAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var guide = await db.Set<Guide>().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guide is null)
        {
            return GuideResult.NotFound;
        }

        if (guide.Status == GuideStatus.Draft)
        {
            guide.Status = GuideStatus.InReview;
            guide.SubmittedAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return GuideResult.Done;
    }

    /// <summary>
    /// Publishes the reviewed text: rendered and sanitised once here, with the date its facts were checked. Refused for
    /// a text not sent for review, and for the officer who wrote it.
    /// </summary>
    public async Task<GuideResult> PublishAsync(Guid id, DateOnly lastCheckedOn, CancellationToken cancellationToken = default)
    {
        var guide = await db.Set<Guide>().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guide is null)
        {
            return GuideResult.NotFound;
        }

        if (guide.Status != GuideStatus.InReview)
        {
            return GuideResult.NotInReview;
        }

        if (string.Equals(guide.WrittenBy, actor.Name, StringComparison.Ordinal))
        {
            return GuideResult.OwnText;
        }

        var rendered = GuideMarkdown.Render(guide.Body);
        guide.PublishedTitle = guide.Title;
        guide.PublishedSummary = guide.Summary;
        guide.PublishedHtml = rendered.Html;
        guide.PublishedText = string.Join('\n', guide.Title, guide.Summary, rendered.PlainText).ToLowerInvariant();
        guide.PublishedAt = Now;
        guide.LastCheckedOn = lastCheckedOn;
        guide.ReviewedBy = actor.Name;
        guide.Status = GuideStatus.Published;
        await db.SaveChangesAsync(cancellationToken);
        return GuideResult.Done;
    }

    /// <summary>Sends a text in review back to its writer.</summary>
    public async Task<GuideResult> ReturnAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var guide = await db.Set<Guide>().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guide is null)
        {
            return GuideResult.NotFound;
        }

        if (guide.Status != GuideStatus.InReview)
        {
            return GuideResult.NotInReview;
        }

        guide.Status = GuideStatus.Draft;
        guide.ReviewedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return GuideResult.Done;
    }
}

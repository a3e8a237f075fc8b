using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>
/// A person's record for officers. The document number stays masked until the officer gives a reason to see it;
/// that read is written to the person's access log before the number is shown.
/// </summary>
[Authorize(Roles = Roles.CaseWorkers)]
public sealed class PersonModel(RegistryCommands registry, PersonConsents consents, PersonDuplicates duplicates, JourneyCommands journeys, Caravan.Core.Cases.CaseQueries cases, PersonAccessLog accessLog, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new() { WriteIndented = true };

    [BindProperty]
    public string? Reason { get; set; }

    public PersonSummary Summary { get; private set; } = null!;

    public Person? MergedInto { get; private set; }

    public IReadOnlyList<PersonChange> History { get; private set; } = [];

    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    public IReadOnlyList<JourneyEntry> Timeline { get; private set; } = [];

    public bool Abroad { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(reference, null, cancellationToken);
        if (result is not null)
        {
            return result;
        }

        // The record is on screen: the person will see who opened it, as they see case-file openings and reveals.
        await accessLog.RecordViewAsync(Summary.Person.Id, RegistryActors.From(User, node.Value), AccessReasons.RegistryWork, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(string reference, CancellationToken cancellationToken)
    {
        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (Reason is null || !AccessReasons.All.Contains(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Persons.ReasonRequired");
            return await LoadAsync(reference, null, cancellationToken) ?? Page();
        }

        var number = await registry.RevealDocumentAsync(person, RegistryActors.From(User, node.Value), Reason, cancellationToken);
        return await LoadAsync(reference, number, cancellationToken) ?? Page();
    }

    /// <summary>
    /// The whole record as JSON, for a lawful request or a hand-over. An export is a read like any other: it is written
    /// to the person's access log first, with the reason, and it never includes the document number in clear.
    /// </summary>
    public async Task<IActionResult> OnPostExportAsync(string reference, CancellationToken cancellationToken)
    {
        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (Reason is null || !AccessReasons.All.Contains(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Persons.ReasonRequired");
            return await LoadAsync(reference, null, cancellationToken) ?? Page();
        }

        await registry.LogAccessAsync(person.Id, AccessAction.Export, RegistryActors.From(User, node.Value), Reason, cancellationToken);
        var ids = await registry.RecordIdsAsync(person.Id, cancellationToken);
        var export = new
        {
            person.Reference,
            person.GivenName,
            person.FamilyName,
            person.Patronymic,
            person.BirthDate,
            Sex = person.Sex?.ToString(),
            person.Citizenship,
            person.RegionCode,
            Document = person.DocumentHint,
            Education = person.Education?.ToString(),
            person.Occupations,
            person.Skills,
            Languages = person.Languages.Select(l => new { l.Code, l.Level }),
            WorkHistory = person.WorkHistory.Select(w => new { w.Country, w.Occupation, w.Employer, w.FromYear, w.ToYear }),
            person.PreferredDestinations,
            Journeys = (await journeys.TimelineAsync(ids, cancellationToken)).Select(j => new
            {
                Departure = j.Departure is { } d ? new { d.DepartureDate, d.Destination, d.City, d.Wage, d.Currency, d.HoursPerWeek, d.ContractMonths, d.Independent, Costs = d.Costs.Select(c => new { c.Item, c.Amount, c.Currency }), d.ContractFlags } : null,
                Return = j.Return is { } r ? new { r.ReturnDate, r.CountryFrom, Reason = r.Reason.ToString() } : null,
                Employment = j.Employment is { } e ? new { e.RegisteredOn, e.Destination, e.Region, e.Occupation, e.PermitKind, e.EmployerName } : null,
            }),
            Consents = (await consents.ConsentsAsync(person.Id, cancellationToken)).Select(c => new { Purpose = c.Purpose.ToString(), c.GivenAt, c.WithdrawnAt, c.NoticeVersion }),
            // What the person sees of their cases; narratives stay in the case file, under its own access rules.
            Cases = (await cases.ForPersonAsync(ids, cancellationToken)).Select(c => new { c.Reference, Category = c.Category.ToString(), Status = c.Status.ToString(), Outcome = c.Outcome?.ToString(), c.OpenedAt, c.CountryCode }),
            History = (await registry.HistoryAsync(person.Id, int.MaxValue, cancellationToken)).Select(c => new
            {
                c.At,
                c.Field,
                // A document number is never exported in clear: its old value is the hint, a pending new one is encrypted.
                OldValue = c.Field == PersonFields.Document ? null : c.OldValue,
                NewValue = c.Field == PersonFields.Document ? null : c.NewValue,
                Status = c.Status.ToString(),
                c.ByRole,
                c.ReviewedAt,
                c.ReviewNote,
            }),
            AccessLog = (await registry.AccessLogAsync(person.Id, int.MaxValue, cancellationToken))
                .Select(a => new { a.At, Action = a.Action.ToString(), a.ActorName, a.ActorRole, a.Organisation, a.Reason }),
        };
        // The file name carries the reference only: no name reaches a download folder listing or a proxy log.
        return File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, ExportJson),
            "application/json", $"{person.Reference}.json");
    }

    public async Task<IActionResult> OnPostSplitAsync(string reference, CancellationToken cancellationToken)
    {
        // Consular officers may read the record but only the registry's officers undo a merge.
        if (!User.IsInRole(Roles.Officer))
        {
            return Forbid();
        }

        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!await duplicates.SplitAsync(person, RegistryActors.From(User, node.Value), cancellationToken))
        {
            return BadRequest();
        }

        TempData["Persons.Split"] = true;
        return Redirect($"/officer/persons/{person.Reference}");
    }

    private async Task<IActionResult?> LoadAsync(string reference, string? documentShown, CancellationToken cancellationToken)
    {
        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        Summary = await PersonSummary.LoadAsync(catalogue, person, node.Value.Country, null, documentShown, cancellationToken);
        MergedInto = person.MergedIntoId is { } into ? await registry.ByIdAsync(into, cancellationToken) : null;
        var ids = await registry.RecordIdsAsync(person.Id, cancellationToken);
        History = await registry.HistoryAsync(person.Id, cancellationToken);
        Consents = await consents.ConsentsAsync(person.Id, cancellationToken);
        Timeline = await journeys.TimelineAsync(ids, cancellationToken);
        Abroad = await journeys.OpenDepartureAsync(ids, cancellationToken) is not null;
        return null;
    }
}

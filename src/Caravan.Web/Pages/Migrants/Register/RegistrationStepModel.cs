using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

public static class RegistrationSteps
{
    public const string Name = "name";
    public const string Details = "details";
    public const string Document = "document";
    public const string Work = "work";
    public const string Languages = "languages";
    public const string Destinations = "destinations";
    public const string Consent = "consent";

    public static readonly IReadOnlyList<string> All = [Name, Details, Document, Work, Languages, Destinations, Consent];
}

/// <summary>
/// One question page of a migrant's registration. The draft row is the journey's state, so each page saves and
/// nothing is lost. After registration the same pages change the profile: identity fields then wait for review.
/// </summary>
[Authorize(Roles = Roles.Migrant)]
public abstract class RegistrationStepModel(RegistryCommands registry, IOptions<NodeOptions> node) : PageModel
{
    public const string StartPath = "/register";
    public const string CheckPath = "/register/check";
    public const string ProfilePath = "/me";

    public Person Person { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "change")]
    public bool Change { get; set; }

    protected abstract string StepName { get; }

    protected RegistryCommands Registry => registry;

    protected NodeOptions Node => node.Value;

    public bool IsDraft => Person.Status == PersonStatus.Draft;

    public string BackLink
    {
        get
        {
            if (!IsDraft)
            {
                return ProfilePath;
            }

            if (Change)
            {
                return CheckPath;
            }

            var index = RegistrationSteps.All.ToList().IndexOf(StepName);
            return index <= 0 ? StartPath : $"{StartPath}/{RegistrationSteps.All[index - 1]}";
        }
    }

    protected RegistryActor Actor => RegistryActors.From(User, node.Value);

    protected async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } userId)
        {
            return Forbid();
        }

        var person = await registry.ForUserAsync(userId, cancellationToken);
        if (person is null)
        {
            return Redirect(StartPath);
        }

        Person = person;
        return null;
    }

    protected async Task<IActionResult> SaveAndContinueAsync(CancellationToken cancellationToken)
    {
        await registry.SaveAsync(Person, cancellationToken);
        if (!IsDraft)
        {
            TempData["Profile.Saved"] = true;
            return Redirect(ProfilePath);
        }

        if (Change)
        {
            return Redirect(CheckPath);
        }

        var index = RegistrationSteps.All.ToList().IndexOf(StepName);
        return Redirect(index + 1 < RegistrationSteps.All.Count ? $"{StartPath}/{RegistrationSteps.All[index + 1]}" : CheckPath);
    }

    /// <summary>Applies a field now (draft, or a field that needs no review) or files it for review; kept in history either way.</summary>
    protected async Task ChangeFieldAsync(string field, string? oldValue, string? newValue, Action<Person> apply, CancellationToken cancellationToken)
    {
        if (IsDraft)
        {
            apply(Person);
            return;
        }

        if (string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            return;
        }

        await registry.ChangeAsync(Person, field, oldValue, newValue, Actor, byThePerson: true, apply, cancellationToken);
    }

    protected static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

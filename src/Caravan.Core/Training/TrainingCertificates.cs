using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

/// <summary>What a training certificate says, signed: initials, the course, the date, the node.</summary>
public sealed record CertificatePayload(string Code, string Initials, string Course, string? Destination, DateOnly Completed, string IssuedBy);

/// <summary>
/// Certificates of completed pre-departure training: one per passed enrolment, signed with the node's key, verified on
/// the same public page as departure cards, and revocable.
/// </summary>
public sealed class TrainingCertificates(CaravanDbContext db, NodeSigner signer, TimeProvider time, Microsoft.Extensions.Options.IOptions<Node.NodeOptions> node)
{
    public const string TokenType = "caravan-certificate+jwt";

    /// <summary>Adds the certificate to the context; the caller's SaveChanges writes it with the assessment.</summary>
    internal async Task AddAsync(Enrolment enrolment, Person person, CancellationToken cancellationToken)
    {
        if (await db.Set<Credential>().AnyAsync(c => c.Kind == CredentialKind.TrainingCertificate && c.SubjectId == enrolment.Id, cancellationToken))
        {
            return;
        }

        var course = enrolment.Session!.Course!;
        var code = CredentialCodes.New();
        var initials = DepartureCards.Initials(person);
        var completed = DateOnly.FromDateTime(enrolment.Session.StartsAt);
        // The course is named by its topic code in the payload, so an officer's tool can show it in any language.
        var about = course.DestinationCountry is null ? course.Topic.ToString() : $"{course.Topic} {course.DestinationCountry}";
        db.Add(new Credential
        {
            Code = code,
            Kind = CredentialKind.TrainingCertificate,
            PersonId = person.Id,
            SubjectId = enrolment.Id,
            Initials = initials,
            About = about,
            On = completed,
            Token = await signer.SignAsync(TokenType, new CertificatePayload(code, initials, course.Topic.ToString(), course.DestinationCountry, completed, node.Value.Country), cancellationToken),
            IssuedAt = time.GetUtcNow().UtcDateTime,
        });
    }
}

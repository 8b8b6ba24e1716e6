// Consistency of the ontology, the reference data and exported graphs under
// Jena's OWL Micro rule reasoner (RDFS plus the OWL constructs it covers:
// domains and ranges, disjointness, functional properties, cardinality 0/1,
// datatype ranges ...).  Run through tests/jena.sh, which puts Jena on the
// class path:
//
//   tests/jena.sh java tests/jena/Consistency.java FILE...
//
// Prints every conflict the reasoner finds; exits 1 on an error (warnings,
// such as an individual of an empty class, are printed but accepted).
import java.util.Iterator;
import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.reasoner.ReasonerRegistry;
import org.apache.jena.reasoner.ValidityReport;
import org.apache.jena.riot.RDFDataMgr;

public class Consistency {
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: Consistency FILE...");
      System.exit(2);
    }
    Model data = ModelFactory.createDefaultModel();
    for (String f : args) {
      RDFDataMgr.read(data, f);
    }
    InfModel inf = ModelFactory.createInfModel(ReasonerRegistry.getOWLMicroReasoner(), data);
    ValidityReport report = inf.validate();
    int errors = 0, warnings = 0;
    for (Iterator<ValidityReport.Report> i = report.getReports(); i.hasNext();) {
      ValidityReport.Report r = i.next();
      if (r.isError()) {
        errors++;
      } else {
        warnings++;
      }
      System.out.println((r.isError() ? "error: " : "warning: ") + r.getType() + ": " + r.getDescription());
    }
    System.out.println(data.size() + " triples, " + errors + " inconsistencies, " + warnings + " warnings");
    System.exit(report.isValid() ? 0 : 1);
  }
}

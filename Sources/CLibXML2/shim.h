#ifndef EVIDENCE_CLIBXML2_SHIM_H
#define EVIDENCE_CLIBXML2_SHIM_H
// libxml2, for the JATS importer only (Importers/JATS). pkg-config: libxml-2.0; apt: libxml2-dev.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/entities.h>
#include <libxml/globals.h>
#include <libxml/xmlversion.h>
#endif

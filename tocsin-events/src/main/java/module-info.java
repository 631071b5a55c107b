/**
 * Tocsin's integration events. A module of its own because {@link dev.tocsin.events.IntegrationEvent}
 * is sealed over families in their own packages, which the language allows only inside one named
 * module. Services still put it on the class path; the module boundary matters only when this
 * module is compiled.
 */
module dev.tocsin.events {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.tocsin.events;
    exports dev.tocsin.events.alert;
    exports dev.tocsin.events.change;
    exports dev.tocsin.events.delivery;
    exports dev.tocsin.events.directory;
    exports dev.tocsin.events.incident;
    exports dev.tocsin.events.notify;
    exports dev.tocsin.events.page;
    exports dev.tocsin.events.signal;

    opens dev.tocsin.events.alert to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.change to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.delivery to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.directory to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.incident to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.notify to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.page to com.fasterxml.jackson.databind;
    opens dev.tocsin.events.signal to com.fasterxml.jackson.databind;
}

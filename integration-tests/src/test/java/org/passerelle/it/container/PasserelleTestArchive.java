package org.passerelle.it.container;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A test deployment that runs beside the Passerelle EAR and sees its beans and libraries, instead
 * of carrying copies of them (which would be other classes to the container).
 */
final class PasserelleTestArchive {

    private static final String SEES_PASSERELLE = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                <deployment>
                    <dependencies>
                        <module name="deployment.passerelle.ear"/>
                        <module name="deployment.passerelle.ear.ejb.jar"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    private PasserelleTestArchive() {
    }

    static WebArchive of(String name, Class<?>... testClasses) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(testClasses)
                .addAsWebInfResource(new StringAsset(SEES_PASSERELLE), "jboss-deployment-structure.xml");
    }
}
